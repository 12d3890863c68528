import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { ParseOptionsSchema, type ParseOptions, type RejectedRow } from '../../src-shared/domain/import.ts';
import { RowColumns, barsFromRows, barsFromTicks } from './aggregate.ts';
import { MAX_FIELDS, isBlank, layCells, scanFields, scanFieldsUnquoted, splitCells, trimCarriageReturn } from './cells.ts';
import { decodeText } from './decode.ts';
import { formatCount } from './numbers.ts';
import { RowReader, mappingWidth, type RowValues } from './row-reader.ts';

/** What parsing a whole file produced. */
export interface ParseOutcome {
  /** Bars ascending by open time (UTC ms); for ticks and quotes, the aggregated bars. */
  bars: BarColumns;
  /** The first rejected rows (at most {@link MAX_REJECTED_KEPT}). */
  rejected: RejectedRow[];
  rejectedCount: number;
  /** Data rows read: non-blank lines after the header. */
  rows: number;
}

export type ProgressListener = (rowsDone: number, rowsTotalEstimate: number) => void;

export const MAX_REJECTED_KEPT = 1000;
const PROGRESS_EVERY = 50_000;
/** Rows looked at to learn how many fields a row has. */
const FIELD_COUNT_SAMPLE = 200;

function invalid(message: string, details?: unknown): AppFailure {
  return new AppFailure('INVALID_FILE', message, details);
}

function checkMapping(options: ParseOptions): void {
  const m = options.mapping;
  const missing =
    options.kind === 'bars'
      ? m.open === undefined || m.high === undefined || m.low === undefined || m.close === undefined
      : options.kind === 'ticks'
        ? m.price === undefined && m.close === undefined
        : m.bid === undefined || m.ask === undefined;
  if (missing) {
    const needs = options.kind === 'bars' ? 'open, high, low and close' : options.kind === 'ticks' ? 'a price' : 'bid and ask';
    throw new AppFailure('VALIDATION_FAILED', `importing ${options.kind} needs ${needs} columns in the mapping`, { mapping: m });
  }
}

/** Field count of one line, quote-aware. */
function fieldCount(text: string, start: number, end: number, delimiter: string, s: Int32Array, e: Int32Array): number {
  const n = scanFields(text, start, end, delimiter.charCodeAt(0), s, e);
  return n >= 0 ? n : splitCells(text.slice(start, end), delimiter).length;
}

/** The most common field count among the first data lines: what every row must have. */
function expectedFieldCount(text: string, from: number, delimiter: string): number {
  const s = new Int32Array(MAX_FIELDS);
  const e = new Int32Array(MAX_FIELDS);
  const counts = new Map<number, number>();
  let seen = 0;
  for (let pos = from; pos < text.length && seen < FIELD_COUNT_SAMPLE; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = trimCarriageReturn(text, pos, nl);
    // A last line without a newline may be cut short; it must not vote.
    if (!isBlank(text, pos, end) && (nl < text.length || seen === 0)) {
      const n = fieldCount(text, pos, end, delimiter, s, e);
      counts.set(n, (counts.get(n) ?? 0) + 1);
      seen++;
    }
    pos = nl + 1;
  }
  let best = 0;
  let bestVotes = 0;
  for (const [n, votes] of counts) if (votes > bestVotes || (votes === bestVotes && n > best)) [best, bestVotes] = [n, votes];
  return best;
}

/** Index just past the first non-blank line (the header), and its line number. */
function skipHeader(text: string): { from: number; lines: number } {
  let lines = 0;
  for (let pos = 0; pos < text.length; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    lines++;
    if (!isBlank(text, pos, nl)) return { from: nl + 1, lines };
    pos = nl + 1;
  }
  return { from: text.length, lines };
}

/**
 * Parses a whole CSV file with `options` into bars. Bad rows are rejected with their line
 * number and a reason; the whole file is refused (INVALID_FILE) when it is empty, has no data
 * rows, looks truncated, or has more bad rows than max(10, 1% of rows).
 */
export function parseFile(bytes: Uint8Array, input: ParseOptions, onProgress?: ProgressListener): ParseOutcome {
  const parsed = ParseOptionsSchema.safeParse(input);
  if (!parsed.success) throw new AppFailure('VALIDATION_FAILED', `invalid import options: ${parsed.error.message}`, parsed.error.issues);
  const options = parsed.data;
  checkMapping(options);
  const { text } = decodeText(bytes, 'The file');
  if (!/\S/.test(text)) throw invalid('file is empty');

  const header = options.hasHeader ? skipHeader(text) : { from: 0, lines: 0 };
  const expected = expectedFieldCount(text, header.from, options.delimiter);
  if (expected === 0) throw invalid('file has a header but no data rows');
  const width = mappingWidth(options);
  if (expected < width) throw invalid(`rows have ${expected} fields but the column mapping uses column ${width}`);

  const reader = new RowReader(options, expected);
  const delimiter = options.delimiter.charCodeAt(0);
  const starts = new Int32Array(MAX_FIELDS);
  const ends = new Int32Array(MAX_FIELDS);
  const values: RowValues = { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const columns = new RowColumns(Math.max(1024, Math.min(1 << 22, Math.ceil(text.length / 40))));
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  let rows = 0;
  let line = header.lines;
  const n = text.length;
  const quoted = text.includes('"');

  for (let pos = header.from; pos < n; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    line++;
    const end = trimCarriageReturn(text, pos, nl);
    if (!isBlank(text, pos, end)) {
      rows++;
      let count = quoted
        ? scanFields(text, pos, end, delimiter, starts, ends)
        : scanFieldsUnquoted(text, pos, end, options.delimiter, starts, ends);
      let rowText = text;
      if (count < 0) {
        // Quoted cells: re-lay the unquoted cells into a small string the reader can index.
        const cells = splitCells(text.slice(pos, end), options.delimiter);
        rowText = layCells(cells, starts, ends);
        count = cells.length;
      }
      if (nl === n && count < expected) {
        throw invalid(`file looks truncated: line ${formatCount(line)} has ${count} of ${expected} fields`, { line });
      }
      const reason = reader.read(rowText, starts, ends, count, values);
      if (reason === null) columns.push(values);
      else {
        rejectedCount++;
        if (rejected.length < MAX_REJECTED_KEPT) rejected.push({ row: line, reason });
      }
      if (onProgress && rows % PROGRESS_EVERY === 0) onProgress(rows, Math.max(rows, Math.round((rows * n) / nl)));
    }
    pos = nl + 1;
  }

  if (rows === 0) throw invalid('file has a header but no data rows');
  const first = rejected.length > 0 ? `; first: line ${rejected[0].row}: ${rejected[0].reason}` : '';
  const details = { rows, rejectedCount, rejected: rejected.slice(0, 20) };
  if (rejectedCount > Math.max(10, rows * 0.01)) {
    throw invalid(`too many bad rows: ${formatCount(rejectedCount)} of ${formatCount(rows)} rows rejected${first}`, details);
  }
  if (columns.length === 0) throw invalid(`no valid rows: all ${formatCount(rows)} rows were rejected${first}`, details);

  const bars = options.kind === 'bars' ? barsFromRows(columns) : barsFromTicks(columns, options.timeframe);
  onProgress?.(rows, rows);
  return { bars, rejected, rejectedCount, rows };
}
