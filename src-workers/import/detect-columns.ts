import type { ColumnMapping } from '../../src-shared/domain/import.ts';
import { isClockCell, isDateCell, isEpochCell } from './detect-dates.ts';
import type { Layout } from './detect-layout.ts';
import { roleOfName, type ColumnRole } from './header.ts';
import { isNumberCell } from './numbers.ts';

/** Which column holds what, as far as names or values tell. `date` is -1 when none was found. */
export interface ColumnGuess {
  mapping: ColumnMapping;
  /** Names for the preview: header cells (with an inserted `Time` for the quirk) or `column N`. */
  columns: string[];
  /** How the columns were found. */
  source: 'header' | 'metatrader' | 'binance' | 'position';
  /** Two columns claimed the same role, or names and fields disagree: the user should confirm. */
  ambiguous: boolean;
  /** Rows have a time field the header does not name (see the quirk in the docs). */
  unnamedTime: boolean;
  notes: string[];
}

const ROLE_ORDER: ColumnRole[] = ['date', 'time', 'open', 'high', 'low', 'close', 'price', 'volume', 'tickVolume', 'bid', 'ask'];

function columnOf(rows: string[][], col: number): string[] {
  return rows.map((r) => r[col] ?? '');
}

/** Maps named columns; `fieldCount` is how many fields the data rows have. */
function fromHeader(layout: Layout, header: string[], fieldCount: number): ColumnGuess {
  const notes: string[] = [];
  let names = header.slice();
  let roles = names.map(roleOfName);
  let ambiguous = false;
  let unnamedTime = false;
  const dateAt = roles.indexOf('date');
  const next = columnOf(layout.rows, dateAt + 1);
  if (fieldCount === names.length + 1 && dateAt >= 0 && roles[dateAt + 1] !== 'time' && next.every(isClockCell)) {
    // Rows such as `2006-01-02,09:01:00,3602.00,…` under `Date,Open,…`: the time has no name.
    names.splice(dateAt + 1, 0, 'Time');
    roles.splice(dateAt + 1, 0, 'time');
    unnamedTime = true;
    notes.push(
      `Rows have ${fieldCount} fields but the header names ${header.length}: the field after "${header[dateAt]}" ` +
        `holds times of day (e.g. "${next[0]}"), so it is read as a separate time column and the other names shift right by one.`,
    );
  } else if (fieldCount !== names.length) {
    ambiguous = true;
    notes.push(`Rows have ${fieldCount} fields but the header names ${names.length} columns; please check the mapping.`);
    for (let k = names.length; k < fieldCount; k++) names.push(`column ${k + 1}`);
    names = names.slice(0, Math.max(fieldCount, 1));
    roles = names.map(roleOfName);
  }

  const at: Partial<Record<ColumnRole, number>> = {};
  roles.forEach((role, i) => {
    if (role === null || role === 'ignored' || role === 'adjClose') return;
    if (at[role] === undefined) at[role] = i;
    else if (i < fieldCount) {
      ambiguous = true;
      notes.push(`Both "${names[at[role]!]}" and "${names[i]}" look like the ${role} column; "${names[at[role]!]}" is used.`);
    }
  });
  // A lone `time` column (TradingView) is the date-time.
  if (at.date === undefined && at.time !== undefined) [at.date, at.time] = [at.time, undefined];
  let volume = at.volume;
  if (at.tickVolume !== undefined) {
    if (volume === undefined) volume = at.tickVolume;
    else if (columnOf(layout.rows, volume).every((c) => Number(c) === 0)) {
      notes.push(`"${names[volume]}" is all zeros in the first rows; tick volume "${names[at.tickVolume]}" is used as the volume.`);
      volume = at.tickVolume;
    }
  }
  const used = new Set([at.date, at.time, at.open, at.high, at.low, at.close, at.price, volume, at.bid, at.ask]);
  const adj = roles.indexOf('adjClose');
  if (adj >= 0 && at.close !== undefined) notes.push(`"${names[at.close]}" is used as the close, not "${names[adj]}" (adjusted).`);
  const unused = names.filter((name, i) => !used.has(i) && i !== adj && name !== '');
  if (unused.length > 0) notes.push(`Columns not used: ${unused.map((n) => `"${n}"`).join(', ')}.`);
  const mapping: ColumnMapping = { date: at.date ?? -1 };
  for (const role of ROLE_ORDER.slice(1)) {
    const i = role === 'volume' ? volume : at[role];
    if (i !== undefined && role !== 'tickVolume') (mapping as Record<string, number>)[role] = i;
  }
  return { mapping, columns: names, source: 'header', ambiguous, unnamedTime, notes };
}

/** Assigns columns of a headerless file by what their values look like. */
function fromValues(layout: Layout, fieldCount: number): ColumnGuess {
  const rows = layout.rows;
  const all = (col: number, test: (c: string) => boolean): boolean => col < fieldCount && columnOf(rows, col).every(test);
  const numeric = (col: number): boolean => all(col, (c) => isNumberCell(c, layout.decimalComma));
  const columns = Array.from({ length: fieldCount }, (_, i) => `column ${i + 1}`);
  const guess = (mapping: ColumnMapping, source: ColumnGuess['source'], what: string): ColumnGuess => ({
    mapping,
    columns,
    source,
    ambiguous: source === 'position',
    unnamedTime: false,
    notes: [`The file has no header; columns were assigned by position: ${what}.`],
  });
  const ohlc = (from: number): Omit<ColumnMapping, 'date'> | null => {
    if (![0, 1, 2, 3].every((k) => numeric(from + k))) return null;
    return { open: from, high: from + 1, low: from + 2, close: from + 3, ...(numeric(from + 4) ? { volume: from + 4 } : {}) };
  };
  const names = (m: ColumnMapping): string =>
    ROLE_ORDER.filter((r) => (m as Record<string, number | undefined>)[r] !== undefined).join(', ');

  if (fieldCount >= 11 && all(0, (c) => /^\d{13}$|^\d{16}$/.test(c)) && ohlc(1)) {
    const mapping = { date: 0, ...ohlc(1)! };
    return guess(mapping, 'binance', 'open time, open, high, low, close, volume, then fields not used');
  }
  if (all(0, isDateCell) && all(1, isClockCell)) {
    const rest = ohlc(2);
    if (rest) {
      const mapping = { date: 0, time: 1, ...rest };
      const source = all(0, (c) => /^\d{4}\.\d{2}\.\d{2}$/.test(c.trim())) ? 'metatrader' : 'position';
      return guess(mapping, source, names(mapping));
    }
  }
  if (all(0, (c) => isDateCell(c) || isEpochCell(c))) {
    const rest = ohlc(1);
    const mapping: ColumnMapping = rest
      ? { date: 0, ...rest }
      : numeric(1)
        ? { date: 0, price: 1, ...(numeric(2) ? { volume: 2 } : {}) }
        : { date: -1 };
    if (mapping.date === 0) return guess(mapping, 'position', names(mapping));
  }
  return { mapping: { date: -1 }, columns, source: 'position', ambiguous: true, unnamedTime: false, notes: [] };
}

/** Finds the column roles from the header, or from the values when there is none. */
export function guessColumns(layout: Layout, fieldCount: number): ColumnGuess {
  return layout.header ? fromHeader(layout, layout.header, fieldCount) : fromValues(layout, fieldCount);
}
