import { DELIMITERS } from '../../src-shared/domain/import.ts';
import { splitCells } from './cells.ts';
import { isClockCell, isDateCell } from './detect-dates.ts';
import { isNumberCell } from './numbers.ts';

type Delimiter = (typeof DELIMITERS)[number];

/** A non-blank line of the sample and its 1-based line number in the file. */
export interface SampleLine {
  line: number;
  text: string;
}

/** How the sample is laid out: delimiter, decimal mark, header. */
export interface Layout {
  delimiter: Delimiter;
  decimalComma: boolean;
  /** The header cells, or null when the first line is data. */
  header: string[] | null;
  /** The data lines split into cells. */
  rows: string[][];
  /** Line numbers of `rows`. */
  rowLines: number[];
  notes: string[];
}

/** Non-blank lines of `text`; when the sample was cut, its last (partial) line is dropped. */
export function sampleLines(text: string, cut: boolean): SampleLine[] {
  const raw = text.split('\n');
  if (cut && raw.length > 1) raw.pop();
  const lines: SampleLine[] = [];
  raw.forEach((t, i) => {
    const line = t.endsWith('\r') ? t.slice(0, -1) : t;
    if (line.trim() !== '') lines.push({ line: i + 1, text: line });
  });
  return lines;
}

/** Modal count of cells per line and the share of lines having it. */
function consistency(lines: SampleLine[], delimiter: Delimiter): { count: number; share: number } {
  const counts = new Map<number, number>();
  for (const { text } of lines) {
    const n = splitCells(text, delimiter).length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let count = 0;
  let votes = 0;
  for (const [n, v] of counts) if (v > votes || (v === votes && n > count)) [count, votes] = [n, v];
  return { count, share: votes / Math.max(1, lines.length) };
}

/**
 * The delimiter that splits the data lines into the same number (≥ 2) of cells. Tab, semicolon
 * and pipe are tried before comma, so `1,2345;1,2346` is read as semicolon-separated with
 * decimal commas.
 */
function chooseDelimiter(lines: SampleLine[]): Delimiter | null {
  const data = lines.slice(1, 101);
  const probe = data.length > 0 ? data : lines;
  for (const d of ['\t', ';', '|', ','] as const) {
    if (!lines[0].text.includes(d)) continue;
    const { count, share } = consistency(probe, d);
    if (count >= 2 && share >= 0.8) return d;
  }
  return null;
}

function isValueCell(cell: string, decimalComma: boolean): boolean {
  return isNumberCell(cell, decimalComma) || isDateCell(cell) || isClockCell(cell);
}

/** Lays out the sample; null when no delimiter splits it into columns. */
export function detectLayout(lines: SampleLine[]): Layout | null {
  const delimiter = chooseDelimiter(lines);
  if (delimiter === null) return null;
  const notes: string[] = [];
  const cells = lines.map((l) => splitCells(l.text, delimiter));
  const values = cells.slice(1, 51).flat();
  const decimalComma =
    delimiter !== ',' && values.some((c) => /^-?\d+,\d+$/.test(c)) && !values.some((c) => /^-?\d+\.\d+$/.test(c));
  if (decimalComma) notes.push('Numbers use a decimal comma (1,2345); it is read as a decimal point.');
  if (delimiter === ';') notes.push('Columns are separated by semicolons.');
  if (delimiter === '\t') notes.push('Columns are separated by tabs.');
  if (delimiter === '|') notes.push('Columns are separated by vertical bars.');
  // A header is a first line without a single value in it, above a line that has values.
  const first = cells[0];
  const hasHeader =
    first.some((c) => /[a-z]/i.test(c)) &&
    !first.some((c) => isValueCell(c, decimalComma)) &&
    (cells.length < 2 || cells[1].some((c) => isValueCell(c, decimalComma)));
  const start = hasHeader ? 1 : 0;
  return {
    delimiter,
    decimalComma,
    header: hasHeader ? first : null,
    rows: cells.slice(start),
    rowLines: lines.slice(start).map((l) => l.line),
    notes,
  };
}
