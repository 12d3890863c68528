import type { ParseOptions } from '../../src-shared/domain/import.ts';
import { parseTimeframe } from '../../src-shared/domain/timeframe.ts';
import { DATE_FORMAT_TEXT, DAY_MS, DateKind, parseClockCell, parseDateCell, type DateCell } from './dates.ts';
import { parseDecimal } from './numbers.ts';
import { wallClockToUtc, type WallClockToUtc } from './time-zone.ts';

/** One row's values, reused from row to row. Ticks and quotes fill open = high = low = close. */
export interface RowValues {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const MISSING = new Set(['null', 'nan', 'n/a', 'na', '-', '#n/a']);

/** The highest column index the mapping uses, plus one: the fewest fields a row must have. */
export function mappingWidth(options: ParseOptions): number {
  const m = options.mapping;
  const used = [m.date, m.time, m.open, m.high, m.low, m.close, m.volume, m.price, m.bid, m.ask];
  return Math.max(...used.map((c) => c ?? -1)) + 1;
}

/**
 * Reads the located fields of one row into values, for one set of options. Times come out as
 * UTC ms: epoch and offset times as they are, date-only rows — and every row of daily or longer
 * bars — at 00:00 UTC of their date, clock times converted from `options.timeZone`. The fast
 * path only computes; a reason is worked out, by looking again, only for a rejected row.
 */
export class RowReader {
  private readonly options: ParseOptions;
  private readonly expected: number;
  private readonly toUtc: WallClockToUtc;
  private readonly dateOnlyBars: boolean;
  private readonly cell: DateCell = { kind: DateKind.date, days: 0, ms: 0 };
  private readonly dateCol: number;
  private readonly timeCol: number;
  private readonly volumeCol: number;
  /** Price columns: open, high, low, close for bars; the price for ticks; bid, ask for quotes. */
  private readonly priceCols: number[];
  private readonly priceNames: string[];

  constructor(options: ParseOptions, expectedFields: number) {
    this.options = options;
    this.expected = expectedFields;
    this.toUtc = wallClockToUtc(options.timeZone);
    const unit = parseTimeframe(options.timeframe)?.unit;
    this.dateOnlyBars = options.kind === 'bars' && (unit === 'd' || unit === 'w' || unit === 'M');
    const m = options.mapping;
    this.dateCol = m.date;
    this.timeCol = m.time ?? -1;
    this.volumeCol = options.kind === 'quotes' ? -1 : (m.volume ?? -1);
    const roles: [string, number | undefined][] =
      options.kind === 'bars'
        ? [['open', m.open], ['high', m.high], ['low', m.low], ['close', m.close]]
        : options.kind === 'ticks'
          ? [['price', m.price ?? m.close]]
          : [['bid', m.bid], ['ask', m.ask]];
    this.priceCols = roles.map(([, col]) => col ?? -1);
    this.priceNames = roles.map(([name]) => name);
  }

  /** Fills `out` from the row; returns null, or why the row is rejected. */
  read(text: string, starts: Int32Array, ends: Int32Array, count: number, out: RowValues): string | null {
    if (count !== this.expected) return `expected ${this.expected} fields, found ${count}`;
    const time = this.time(text, starts, ends);
    if (Number.isNaN(time)) return this.timeReason(text, starts, ends);
    out.time = time;
    const comma = this.options.decimalComma;
    const cols = this.priceCols;
    let bad = -1;
    const a = parseDecimal(text, starts[cols[0]], ends[cols[0]], comma);
    if (!(a > 0 && a !== Infinity)) bad = 0;
    const kind = this.options.kind;
    if (kind === 'ticks') {
      if (bad >= 0) return this.priceReason(text, starts, ends, bad);
      out.open = out.high = out.low = out.close = a;
    } else if (kind === 'quotes') {
      const b = parseDecimal(text, starts[cols[1]], ends[cols[1]], comma);
      if (bad < 0 && !(b > 0 && b !== Infinity)) bad = 1;
      if (bad >= 0) return this.priceReason(text, starts, ends, bad);
      if (b < a) return `ask ${this.raw(text, starts, ends, cols[1])} is below bid ${this.raw(text, starts, ends, cols[0])}`;
      out.open = out.high = out.low = out.close = (a + b) / 2;
    } else {
      const h = parseDecimal(text, starts[cols[1]], ends[cols[1]], comma);
      const l = parseDecimal(text, starts[cols[2]], ends[cols[2]], comma);
      const c = parseDecimal(text, starts[cols[3]], ends[cols[3]], comma);
      if (bad < 0 && !(h > 0 && h !== Infinity)) bad = 1;
      if (bad < 0 && !(l > 0 && l !== Infinity)) bad = 2;
      if (bad < 0 && !(c > 0 && c !== Infinity)) bad = 3;
      if (bad >= 0) return this.priceReason(text, starts, ends, bad);
      if (h < a || h < c || l > a || l > c || h < l) return this.rangeReason(text, starts, ends, a, h, l, c);
      out.open = a;
      out.high = h;
      out.low = l;
      out.close = c;
    }
    const v = this.volumeCol;
    if (v < 0) {
      out.volume = 0;
      return null;
    }
    const volume = parseDecimal(text, starts[v], ends[v], comma);
    if (!(volume >= 0 && volume !== Infinity)) {
      const raw = this.raw(text, starts, ends, v);
      return Number.isNaN(volume) ? missing('volume', raw) : volume < 0 ? `volume ${raw} is negative` : `volume ${raw} is not a finite number`;
    }
    out.volume = volume;
    return null;
  }

  private time(text: string, starts: Int32Array, ends: Int32Array): number {
    const cell = this.cell;
    if (!parseDateCell(text, starts[this.dateCol], ends[this.dateCol], this.options.dateFormat, cell)) return NaN;
    if (cell.kind === DateKind.instant) return cell.ms;
    let clock = cell.kind === DateKind.wall ? cell.ms : -1;
    if (this.timeCol >= 0) {
      clock = parseClockCell(text, starts[this.timeCol], ends[this.timeCol]);
      if (Number.isNaN(clock)) return NaN;
    }
    if (clock < 0 || this.dateOnlyBars) return cell.days * DAY_MS;
    return this.toUtc(cell.days * DAY_MS + clock);
  }

  private raw(text: string, starts: Int32Array, ends: Int32Array, col: number): string {
    return text.slice(starts[col], ends[col]).trim();
  }

  private timeReason(text: string, starts: Int32Array, ends: Int32Array): string {
    const { dateCol, timeCol } = this;
    if (!parseDateCell(text, starts[dateCol], ends[dateCol], this.options.dateFormat, this.cell)) {
      return `date "${this.raw(text, starts, ends, dateCol)}" is not a valid ${DATE_FORMAT_TEXT[this.options.dateFormat]}`;
    }
    return `time "${this.raw(text, starts, ends, timeCol)}" is not a valid time of day`;
  }

  private priceReason(text: string, starts: Int32Array, ends: Int32Array, index: number): string {
    const name = this.priceNames[index];
    const raw = this.raw(text, starts, ends, this.priceCols[index]);
    const v = parseDecimal(text, starts[this.priceCols[index]], ends[this.priceCols[index]], this.options.decimalComma);
    if (Number.isNaN(v)) return missing(name, raw);
    return v === Infinity ? `${name} ${raw} is not a finite number` : `${name} ${raw} is not a positive price`;
  }

  private rangeReason(text: string, s: Int32Array, e: Int32Array, o: number, h: number, l: number, c: number): string {
    const [open, high, low, close] = this.priceCols.map((col) => this.raw(text, s, e, col));
    if (h < o) return `high ${high} is below open ${open}`;
    if (h < c) return `high ${high} is below close ${close}`;
    if (l > o) return `low ${low} is above open ${open}`;
    if (l > c) return `low ${low} is above close ${close}`;
    return `high ${high} is below low ${low}`;
  }
}

function missing(name: string, raw: string): string {
  if (raw === '') return `${name} is empty`;
  if (MISSING.has(raw.toLowerCase())) return `${name} is "${raw}" (a missing value)`;
  return `${name} "${raw}" is not a number`;
}
