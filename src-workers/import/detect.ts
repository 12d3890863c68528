import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { DateFormat, Detection, ImportKind, ParseOptions } from '../../src-shared/domain/import.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { MAX_FIELDS, layCells } from './cells.ts';
import { DateKind, parseDateCell, type DateCell } from './dates.ts';
import { SAMPLE_BYTES, decodeText } from './decode.ts';
import { guessColumns, type ColumnGuess } from './detect-columns.ts';
import { guessDateFormat, type DateGuess } from './detect-dates.ts';
import { detectLayout, sampleLines, type Layout } from './detect-layout.ts';
import { nameFormat } from './detect-format.ts';
import { suggestSymbol } from './file-name.ts';
import { RowReader, type RowValues } from './row-reader.ts';
import { summariseSteps, type StepSummary } from './timeframe-guess.ts';

/** Rows of the sample that are parsed to measure time steps and check the mapping. */
const CHECK_ROWS = 500;
const PREVIEW_ROWS = 20;

function modalFieldCount(rows: string[][]): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best = 0;
  let votes = 0;
  for (const [n, v] of counts) if (v > votes || (v === votes && n > best)) [best, votes] = [n, v];
  return best;
}

interface SampleCheck {
  times: number[];
  rejected: { line: number; reason: string }[];
  checked: number;
  /** Every accepted row had open = high = low = close (trades written as bars). */
  flat: boolean;
}

/** Runs the real row reader over the sample rows. */
function checkSample(layout: Layout, options: ParseOptions, fieldCount: number): SampleCheck {
  const reader = new RowReader(options, fieldCount);
  const starts = new Int32Array(MAX_FIELDS);
  const ends = new Int32Array(MAX_FIELDS);
  const values: RowValues = { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const check: SampleCheck = { times: [], rejected: [], checked: 0, flat: true };
  layout.rows.slice(0, CHECK_ROWS).forEach((cells, i) => {
    const text = layCells(cells, starts, ends);
    const reason = reader.read(text, starts, ends, cells.length, values);
    check.checked++;
    if (reason !== null) {
      check.rejected.push({ line: layout.rowLines[i], reason });
      return;
    }
    check.times.push(values.time);
    if (!(values.open === values.high && values.high === values.low && values.low === values.close)) check.flat = false;
  });
  return check;
}

function decideKind(guess: ColumnGuess, check: SampleCheck, steps: StepSummary): ImportKind | null {
  const m = guess.mapping;
  if (m.bid !== undefined && m.ask !== undefined) return 'quotes';
  const ohlc = m.open !== undefined && m.high !== undefined && m.low !== undefined && m.close !== undefined;
  if (ohlc) return check.flat && check.times.length > 1 && !steps.regular ? 'ticks' : 'bars';
  if (m.price !== undefined || m.close !== undefined) return 'ticks';
  return null;
}

function timeZoneNote(format: DateFormat, date: DateGuess, firstCell: string, hasTimeColumn: boolean, daily: boolean): string {
  if (format.startsWith('unix')) {
    const unit = format === 'unix-s' ? 'seconds' : format === 'unix-ms' ? 'milliseconds' : 'microseconds';
    return `Times are unix ${unit} (UTC); the time zone setting does not apply.`;
  }
  const cell: DateCell = { kind: DateKind.date, days: 0, ms: 0 };
  parseDateCell(firstCell, 0, firstCell.length, format, cell);
  if (cell.kind === DateKind.instant) return 'Times carry their UTC offset; the time zone setting does not apply.';
  if (!date.hasClock && !hasTimeColumn) return 'Dates have no time of day; each bar is stored at 00:00 UTC of its date.';
  if (daily) return 'Daily bars are stored at 00:00 UTC of their date; the time of day and the time zone are not used.';
  return 'Times carry no time zone; UTC is assumed. If they are the exchange\'s local times, choose its time zone.';
}

/**
 * Looks at the first 64 KB of a file and proposes how to import it. Throws INVALID_FILE for
 * binary content, an empty file or a header without rows; returns `options: null` with
 * confidence 0 and a note when nothing usable is recognised.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): Detection {
  const { text, notes } = decodeText(bytes.subarray(0, SAMPLE_BYTES), fileName);
  if (!/\S/.test(text)) throw new AppFailure('INVALID_FILE', `${fileName} is empty`);
  const lines = sampleLines(text, bytes.length > SAMPLE_BYTES);
  const detection: Detection = {
    format: 'unknown',
    label: 'Unrecognised file',
    confidence: 0,
    options: null,
    columns: [],
    sampleRows: [],
    detectedTimeframe: null,
    suggestedSymbol: suggestSymbol(fileName),
    notes,
  };
  const giveUp = (why: string): Detection => ({ ...detection, notes: [...detection.notes, why] });

  const layout = detectLayout(lines);
  if (!layout) {
    detection.sampleRows = lines.slice(0, PREVIEW_ROWS).map((l) => [l.text]);
    detection.columns = ['column 1'];
    return giveUp('No delimiter (comma, semicolon, tab or |) splits the lines into the same number of columns.');
  }
  if (layout.rows.length === 0) throw new AppFailure('INVALID_FILE', `${fileName} has a header but no data rows`);
  notes.push(...layout.notes);
  const fieldCount = modalFieldCount(layout.rows);
  const guess = guessColumns(layout, fieldCount);
  notes.push(...guess.notes);
  detection.columns = guess.columns;
  detection.sampleRows = layout.rows.slice(0, PREVIEW_ROWS);
  if (guess.mapping.date < 0) {
    const names = layout.header ? ` among ${layout.header.map((h) => `"${h}"`).join(', ')}` : '';
    return giveUp(`No date or time column was recognised${names}.`);
  }
  const dateCells = layout.rows.slice(0, CHECK_ROWS).map((r) => r[guess.mapping.date] ?? '');
  const date = guessDateFormat(dateCells);
  if (!date) return giveUp(`The date column "${guess.columns[guess.mapping.date]}" holds values such as "${dateCells[0]}" in no recognised date format.`);
  if (date.ambiguous) {
    notes.push(`Dates such as "${dateCells[0].split(' ')[0]}" fit both day-first and month-first; day-first (dd/mm/yyyy) is assumed. Check the preview.`);
  }

  const provisional: ParseOptions = {
    kind: guess.mapping.bid !== undefined ? 'quotes' : guess.mapping.open !== undefined ? 'bars' : 'ticks',
    delimiter: layout.delimiter,
    hasHeader: layout.header !== null,
    dateFormat: date.format,
    mapping: guess.mapping,
    timeZone: 'UTC',
    timeframe: '1m' as Timeframe,
    decimalComma: layout.decimalComma,
  };
  const mappingComplete =
    provisional.kind === 'quotes' ? guess.mapping.ask !== undefined
    : provisional.kind === 'bars' ? [guess.mapping.high, guess.mapping.low, guess.mapping.close].every((c) => c !== undefined)
    : guess.mapping.price !== undefined || guess.mapping.close !== undefined;
  if (!mappingComplete) return giveUp('No complete set of open, high, low and close (or price, or bid and ask) columns was recognised.');
  const check = checkSample(layout, provisional, fieldCount);
  const steps = summariseSteps(check.times);
  const kind = decideKind(guess, check, steps);
  if (kind === null) return giveUp('No price columns were recognised.');
  const options: ParseOptions = { ...provisional, kind };
  if (kind === 'ticks' && options.mapping.price === undefined) options.mapping = { ...options.mapping, price: options.mapping.close };

  const named = nameFormat({ layout, guess, date, kind, steps, fieldCount });
  options.timeframe = named.timeframe;
  const daily = kind === 'bars' && /^\d+[dwM]$/.test(named.timeframe);
  notes.push(...named.notes, timeZoneNote(date.format, date, dateCells[0], guess.mapping.time !== undefined, daily));

  let confidence = named.confidence;
  if (guess.ambiguous || date.ambiguous) confidence = Math.min(confidence, 0.6);
  if (guess.unnamedTime) confidence = Math.min(confidence, 0.85);
  if (check.rejected.length > 0) {
    const share = check.rejected.length / check.checked;
    const first = check.rejected[0];
    notes.push(`${check.rejected.length} of ${check.checked} rows checked would be rejected (first: line ${first.line}: ${first.reason}).`);
    confidence = Math.min(confidence, share > 0.2 ? 0.3 : 0.7);
  }
  return {
    ...detection,
    format: named.format,
    label: named.label,
    confidence,
    options,
    detectedTimeframe: kind === 'quotes' || (kind === 'ticks' && !steps.regular) ? null : steps.timeframe,
  };
}
