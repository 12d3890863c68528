import { BAR_FIELDS, emptyBars, type BarColumns } from '../../src-shared/domain/bars.ts';
import { nominalMs } from '../../src-shared/domain/timeframe.ts';
import { lowerBound, upperBound } from '../../src-workers/bars/merge.ts';

/** Bars per chunk: ~100–200 KB blobs, large enough that a million bars are ~250 rows. */
export const CHUNK_BARS = 4096;
const FIELDS = BAR_FIELDS.length;
const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;
/** Compact header: start time, time step, price scale, reserved — four float64. */
const HEADER_BYTES = 32;
const SCALES = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
const INT32_MAX = 2_147_483_647;

/** The span of time one chunk covers: CHUNK_BARS bar lengths, so a full series fills chunks evenly. */
export function chunkSpan(timeframe: string): number {
  return CHUNK_BARS * nominalMs(timeframe);
}

export function chunkKey(timeMs: number, span: number): number {
  return Math.floor(timeMs / span) * span;
}

/*
 * Two blob layouts, told apart by length (48·n bytes vs 32 + 24·n, never equal):
 * - raw: six float64 columns one after another;
 * - compact, used when every bar of the chunk allows it: times at a regular step (stored as start
 *   and step), prices as int32 at a decimal scale that gives back every double exactly
 *   (int / scale === price, checked on write), volume as float64. Half the bytes to read.
 */

/** Packs bars [start, end) into one blob, compact where that loses nothing. */
export function encodeChunk(bars: BarColumns, start: number, end: number): Buffer {
  const n = end - start;
  const step = n > 1 ? bars.time[start + 1]! - bars.time[start]! : 0;
  const scale = regularTimes(bars.time, start, end, step) ? priceScale(bars, start, end) : 0;
  if (scale === 0) {
    const packed = new Float64Array(n * FIELDS);
    for (let f = 0; f < FIELDS; f++) packed.set(bars[BAR_FIELDS[f]!].subarray(start, end), f * n);
    return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  }
  const buffer = new ArrayBuffer(HEADER_BYTES + 24 * n);
  new Float64Array(buffer, 0, 4).set([bars.time[start]!, step, scale, 0]);
  const ints = new Int32Array(buffer, HEADER_BYTES, 4 * n);
  for (let f = 0; f < 4; f++) {
    const col = bars[PRICE_FIELDS[f]!];
    for (let i = 0; i < n; i++) ints[f * n + i] = Math.round(col[start + i]! * scale);
  }
  new Float64Array(buffer, HEADER_BYTES + 16 * n, n).set(bars.volume.subarray(start, end));
  return Buffer.from(buffer);
}

function regularTimes(time: Float64Array, start: number, end: number, step: number): boolean {
  const t0 = time[start]!;
  for (let i = start + 1; i < end; i++) if (time[i] !== t0 + (i - start) * step) return false;
  return true;
}

/** The smallest decimal scale at which every price round-trips exactly through int32, or 0. */
function priceScale(bars: BarColumns, start: number, end: number): number {
  for (const scale of SCALES) {
    let ok = true;
    for (let f = 0; f < 4 && ok; f++) {
      const col = bars[PRICE_FIELDS[f]!];
      for (let i = start; i < end; i++) {
        const v = col[i]!;
        const k = Math.round(v * scale);
        if (k / scale !== v || k > INT32_MAX || k < -INT32_MAX) {
          ok = false;
          break;
        }
      }
    }
    if (ok) return scale;
  }
  return 0;
}

/** A chunk blob read back: its layout decoded lazily, for range reads that copy a slice. */
export class ChunkReader {
  private readonly bytes: Uint8Array;
  readonly compact: boolean;

  constructor(
    blob: Uint8Array,
    readonly count: number,
  ) {
    this.compact = blob.byteLength !== count * FIELDS * 8;
    // Typed-array views need aligned offsets; large blobs are aligned, small pooled ones may not be.
    this.bytes = blob.byteOffset % 8 === 0 ? blob : new Uint8Array(blob);
  }

  /** [a, b): the bars with from ≤ time ≤ to. */
  bounds(from: number, to: number): [number, number] {
    const n = this.count;
    if (!this.compact) {
      const time = this.f64(0, n);
      return [lowerBound(time, from), upperBound(time, to)];
    }
    const [t0, step] = this.header();
    if (n === 1 || step === 0) return t0 >= from && t0 <= to ? [0, 1] : [0, 0];
    const a = Math.min(n, Math.max(0, Math.ceil((from - t0) / step)));
    const b = Math.min(n, Math.max(0, Math.floor((to - t0) / step) + 1));
    return [a, Math.max(a, b)];
  }

  /** Writes bars [a, b) of the chunk into `out` from index `pos`. */
  copyInto(a: number, b: number, out: BarColumns, pos: number): void {
    const n = this.count;
    if (!this.compact) {
      for (let f = 0; f < FIELDS; f++) out[BAR_FIELDS[f]!].set(this.f64(f * n + a, b - a), pos);
      return;
    }
    const [t0, step, scale] = this.header();
    const ints = new Int32Array(this.bytes.buffer, this.bytes.byteOffset + HEADER_BYTES, 4 * n);
    const time = out.time;
    for (let i = a; i < b; i++) time[pos + i - a] = t0 + i * step;
    for (let f = 0; f < 4; f++) {
      const col = out[PRICE_FIELDS[f]!];
      const base = f * n;
      for (let i = a; i < b; i++) col[pos + i - a] = ints[base + i]! / scale;
    }
    out.volume.set(new Float64Array(this.bytes.buffer, this.bytes.byteOffset + HEADER_BYTES + 16 * n + 8 * a, b - a), pos);
  }

  /** The whole chunk as columns (merging on write). */
  columns(): BarColumns {
    const out = emptyBars(this.count);
    this.copyInto(0, this.count, out, 0);
    return out;
  }

  private header(): Float64Array {
    return new Float64Array(this.bytes.buffer, this.bytes.byteOffset, 4);
  }

  private f64(offset: number, length: number): Float64Array {
    return new Float64Array(this.bytes.buffer, this.bytes.byteOffset + offset * 8, length);
  }
}
