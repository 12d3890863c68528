const QUOTE = 34;

/** At most this many fields of a row are located; a row with more is still counted right. */
export const MAX_FIELDS = 256;

/**
 * Finds the fields of text[start, end) split by `delimiter` (a char code), writing their
 * bounds into `starts`/`ends`. Returns the field count, or -1 when the row holds a double
 * quote and must go through {@link splitCells} instead.
 */
export function scanFields(
  text: string,
  start: number,
  end: number,
  delimiter: number,
  starts: Int32Array,
  ends: Int32Array,
): number {
  let count = 0;
  let fieldStart = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      if (count < MAX_FIELDS) {
        starts[count] = fieldStart;
        ends[count] = i;
      }
      count++;
      fieldStart = i + 1;
    } else if (c === QUOTE) return -1;
  }
  if (count < MAX_FIELDS) {
    starts[count] = fieldStart;
    ends[count] = end;
  }
  return count + 1;
}

/**
 * Splits one line into cells, RFC 4180 style: a field may be wrapped in double quotes, inside
 * which the delimiter is literal and `""` is a quote. Cells are trimmed of surrounding spaces.
 */
export function splitCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && line[i] === ' ') i++;
    let cell = '';
    if (line.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) {
          cell += line.slice(i);
          i = n;
          break;
        }
        cell += line.slice(i, close);
        i = close + 1;
        if (line.charCodeAt(i) === QUOTE) {
          cell += '"';
          i++;
        } else break;
      }
      const next = line.indexOf(delimiter, i);
      i = next < 0 ? n : next;
    } else {
      const next = line.indexOf(delimiter, i);
      cell = line.slice(i, next < 0 ? n : next).trim();
      i = next < 0 ? n : next;
    }
    cells.push(cell);
    if (i >= n) break;
    i += delimiter.length;
    if (i === n) {
      cells.push('');
      break;
    }
  }
  return cells;
}

/** A line's end without its trailing carriage return. */
export function trimCarriageReturn(text: string, start: number, end: number): number {
  return end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** Whether text[start, end) holds only spaces and tabs. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * {@link scanFields} for text known to hold no double quote: the delimiter is found with
 * `indexOf`, which the engine runs far faster than a loop over characters.
 */
export function scanFieldsUnquoted(
  text: string,
  start: number,
  end: number,
  delimiter: string,
  starts: Int32Array,
  ends: Int32Array,
): number {
  let count = 0;
  let fieldStart = start;
  for (;;) {
    const at = text.indexOf(delimiter, fieldStart);
    const fieldEnd = at < 0 || at >= end ? end : at;
    if (count < MAX_FIELDS) {
      starts[count] = fieldStart;
      ends[count] = fieldEnd;
    }
    count++;
    if (fieldEnd === end) return count;
    fieldStart = fieldEnd + 1;
  }
}

/**
 * Lays already split cells into one string joined by NUL and writes each cell's bounds, so the
 * row reader (which indexes into text) can read rows that needed quote handling.
 */
export function layCells(cells: string[], starts: Int32Array, ends: Int32Array): string {
  for (let k = 0, at = 0; k < Math.min(cells.length, MAX_FIELDS); k++) {
    starts[k] = at;
    ends[k] = at + cells[k].length;
    at = ends[k] + 1;
  }
  return cells.join('\u0000');
}
