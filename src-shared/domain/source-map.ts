/**
 * Reading the `mappings` of a Source Map v3: where a position in compiled code came from in the
 * source. Main uses it to place a forbidden import in a user's `.ts` file, the worker to place a
 * runtime error; both get the map from esbuild, so only what esbuild writes needs reading (one
 * source, no names).
 */

/** A 0-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Per generated line, its segments as [generatedColumn, sourceLine, sourceColumn], by column. */
export type DecodedMappings = readonly (readonly (readonly [number, number, number])[])[];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((ch, i) => [ch, i]));

export function decodeMappings(mappings: string): DecodedMappings {
  const lines: [number, number, number][][] = [];
  // Source line and column are relative to the previous segment across lines; the generated
  // column restarts on every line.
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const text of mappings.split(';')) {
    const segments: [number, number, number][] = [];
    let column = 0;
    for (const segment of text === '' ? [] : text.split(',')) {
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      if (fields.length < 4) continue;
      sourceLine += fields[2]!;
      sourceColumn += fields[3]!;
      segments.push([column, sourceLine, sourceColumn]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * The source position of a generated one: the segment at or before the column on that line (the
 * line's first segment for a column before it), or null for a line with no mapping.
 */
export function originalPosition(mappings: DecodedMappings, position: SourcePosition): SourcePosition | null {
  const segments = mappings[position.line];
  if (!segments || segments.length === 0) return null;
  let found = segments[0]!;
  for (const segment of segments) {
    if (segment[0] > position.column) break;
    found = segment;
  }
  return { line: found[1], column: found[2] };
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`invalid base64 digit "${ch}" in source map segment "${segment}"`);
    value += (digit & 31) * 2 ** shift;
    shift += 5;
    if ((digit & 32) === 0) {
      // The lowest bit carries the sign.
      values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
