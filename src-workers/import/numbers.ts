/** Exact powers of ten: every one up to 1e22 is representable in a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Integers below 2^53 are exact in a double, and so is every step of accumulating them. */
const MAX_EXACT = 2 ** 53;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const DIGIT_0 = 48;
const DOT = 46;
const COMMA = 44;
const MINUS = 45;

/**
 * Parses the decimal number in `text[start, end)`, or returns NaN. The result always equals
 * `Number(cell)` for a plain decimal: the fast path reads the digits into an integer m, exact
 * while m < 2^53 (rounding is monotonic, so a true m ≥ 2^53 never reads as less), and divides
 * once by 10^k, exact for k ≤ 22; a correctly rounded division of two exact doubles is the
 * correctly rounded decimal (Clinger's fast path). Everything else (exponents, long mantissas, spaces, quotes) takes
 * the slow path through `Number` behind a strict pattern, so `''`, `'0x10'` and `'Infinity'`
 * are NaN rather than numbers.
 */
export function parseDecimal(text: string, start: number, end: number, decimalComma: boolean): number {
  const point = decimalComma ? COMMA : DOT;
  let i = start;
  let negative = false;
  if (i < end && text.charCodeAt(i) === MINUS) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const d = c - DIGIT_0;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
    } else if (c === point && fraction < 0) {
      fraction = i;
    } else {
      return parseSlow(text, start, end, decimalComma);
    }
  }
  if (digits === 0) return parseSlow(text, start, end, decimalComma);
  const scale = fraction < 0 ? 0 : end - fraction - 1;
  if (mantissa >= MAX_EXACT || scale > 22) {
    // A plain decimal too long to be exact here: Number() rounds it correctly.
    const cell = text.slice(start, end);
    return Number(decimalComma && fraction >= 0 ? cell.replace(',', '.') : cell);
  }
  const value = scale === 0 ? mantissa : mantissa / POW10[scale];
  return negative ? -value : value;
}

function parseSlow(text: string, start: number, end: number, decimalComma: boolean): number {
  let cell = text.slice(start, end).trim();
  if (cell.length >= 2 && cell.charCodeAt(0) === 34 && cell.charCodeAt(cell.length - 1) === 34) {
    cell = cell.slice(1, -1).trim();
  }
  if (decimalComma) cell = cell.replace(',', '.');
  return DECIMAL.test(cell) ? Number(cell) : NaN;
}

/** Whether a whole cell is a plain decimal number (with `.` or, when allowed, `,` as the point). */
export function isNumberCell(cell: string, decimalComma = false): boolean {
  return !Number.isNaN(parseDecimal(cell, 0, cell.length, decimalComma));
}

/** `1234567` → `1,234,567`, for messages. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
