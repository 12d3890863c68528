import { AppFailure } from '../../src-shared/contract/errors.ts';

/** How much of a file detection looks at, and how much the binary check scans. */
export const SAMPLE_BYTES = 64 * 1024;

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderConstructor = new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

// TextDecoder exists in every runtime we ship (Node, Electron, browsers) but not in lib ES2023;
// reaching it through globalThis keeps the layer free of DOM and Node typings.
const Decoder = (globalThis as unknown as { TextDecoder: TextDecoderConstructor }).TextDecoder;

export interface DecodedText {
  text: string;
  /** Human sentences about what decoding handled (BOM, encoding, replaced bytes). */
  notes: string[];
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

function sniffEncoding(bytes: Uint8Array): { encoding: Encoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Length of the UTF-8 sequence starting at `i`, or 0 when the bytes there are not valid UTF-8. */
function utf8SequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  let length: number;
  if (b >= 0xc2 && b <= 0xdf) length = 2;
  else if (b >= 0xe0 && b <= 0xef) length = 3;
  else if (b >= 0xf0 && b <= 0xf4) length = 4;
  else return 0;
  // A sequence cut by the end of the sample is not evidence of binary content.
  if (i + length > end) return end - i;
  for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  return length;
}

/**
 * Refuses content that is not text: any NUL byte, or more than 1% of the first 64 KB not
 * being valid UTF-8 (a few stray Latin-1 bytes in a header are tolerated and replaced).
 * Returns the number of invalid bytes seen.
 */
function checkText(bytes: Uint8Array, start: number, fileName: string): number {
  const end = Math.min(bytes.length, start + SAMPLE_BYTES);
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = start; i < end; ) {
    const b = bytes[i];
    if (b === 0) throw notText(fileName, i);
    const length = utf8SequenceLength(bytes, i, end);
    if (length === 0) {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    } else i += length;
  }
  if (invalid > 0 && invalid > (end - start) * 0.01) throw notText(fileName, firstInvalid);
  return invalid;
}

function notText(fileName: string, byte: number): AppFailure {
  return new AppFailure('INVALID_FILE', `${fileName} is not a text CSV file (binary content at byte ${byte})`, {
    byte,
  });
}

/**
 * Decodes a whole file (or its first bytes) to text: strips a BOM, reads UTF-16 when a BOM
 * says so, and with `fileName` given refuses binary content.
 */
export function decodeText(bytes: Uint8Array, fileName?: string): DecodedText {
  const notes: string[] = [];
  const { encoding, bomLength } = sniffEncoding(bytes);
  if (bomLength > 0) notes.push(`A ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()} byte-order mark was skipped.`);
  const body = bytes.subarray(bomLength);
  if (encoding === 'utf-8' && fileName !== undefined) {
    const invalid = checkText(bytes, bomLength, fileName);
    if (invalid > 0) notes.push(`${invalid} byte(s) near the start are not valid UTF-8 and were replaced.`);
  }
  const text = new Decoder(encoding, { ignoreBOM: true }).decode(body);
  if (encoding !== 'utf-8' && fileName !== undefined && text.slice(0, SAMPLE_BYTES).includes('\u0000')) {
    throw notText(fileName, text.indexOf('\u0000') * 2 + bomLength);
  }
  return { text: normalizeLineEnds(text, notes), notes };
}

/** Files from classic Mac OS end lines with a lone carriage return; read them as newlines. */
function normalizeLineEnds(text: string, notes: string[]): string {
  const head = text.slice(0, SAMPLE_BYTES);
  if (head.includes('\n') || !head.includes('\r')) return text;
  notes.push('Lines end with a lone carriage return (classic Mac OS); read as newlines.');
  return text.replace(/\r/g, '\n');
}
