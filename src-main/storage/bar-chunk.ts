import { BAR_FIELDS, type BarColumns } from '../../src-shared/domain/bars.ts';
import { nominalMs } from '../../src-shared/domain/timeframe.ts';

/** Bars per chunk: ~200 KB blobs, large enough that a million bars are ~250 rows. */
export const CHUNK_BARS = 4096;
const FIELDS = BAR_FIELDS.length;

/** The span of time one chunk covers: CHUNK_BARS bar lengths, so a full series fills chunks evenly. */
export function chunkSpan(timeframe: string): number {
  return CHUNK_BARS * nominalMs(timeframe);
}

export function chunkKey(timeMs: number, span: number): number {
  return Math.floor(timeMs / span) * span;
}

/** Packs bars [start, end) into one blob: six float64 columns one after another. */
export function encodeChunk(bars: BarColumns, start: number, end: number): Buffer {
  const n = end - start;
  const packed = new Float64Array(n * FIELDS);
  for (let f = 0; f < FIELDS; f++) packed.set(bars[BAR_FIELDS[f]!].subarray(start, end), f * n);
  return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
}

/**
 * A zero-copy view of a chunk blob's columns when the blob is 8-byte aligned (large blobs are),
 * otherwise a copy; either way the caller must not keep it past the next statement.
 */
export function chunkColumns(blob: Uint8Array, count: number): BarColumns {
  const aligned =
    blob.byteOffset % 8 === 0 ? blob : new Uint8Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
  const all = new Float64Array(aligned.buffer, aligned.byteOffset, count * FIELDS);
  return {
    time: all.subarray(0, count),
    open: all.subarray(count, 2 * count),
    high: all.subarray(2 * count, 3 * count),
    low: all.subarray(3 * count, 4 * count),
    close: all.subarray(4 * count, 5 * count),
    volume: all.subarray(5 * count, 6 * count),
  };
}
