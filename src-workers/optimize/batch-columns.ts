/**
 * Indicator columns shared by all the workers of one optimization job, in one SharedArrayBuffer that
 * travels (shared, not copied) with every batch. The first worker to need a column claims a slot,
 * computes the column and publishes it; the others read it, or wait while it is being computed. So
 * each column is computed once per job, whichever worker needs it first and however the sets were
 * split into batches.
 *
 * Layout: per slot a state and a key length (Int32), the key (UTF-16 code units, up to KEY_UNITS),
 * and the column (Float64 × bars). States: FREE → CLAIMED (the key is being written) → COMPUTING →
 * READY, or FAILED when the computation threw (the others then compute it themselves and meet the
 * same error). Slots are found by hashing the key, probing linearly. A column that cannot be shared —
 * a key too long, a full store, a wait that timed out — is simply computed by the worker that needs
 * it, as without a store: sharing never changes a value, it only saves computing it again.
 */

/** What a job creates once and sends with every batch (plain data: a SharedArrayBuffer and its shape). */
export interface SharedColumnsHandle {
  readonly buffer: SharedArrayBuffer;
  /** Values per column (the job's bar count). */
  readonly bars: number;
  readonly slots: number;
}

const KEY_UNITS = 120;
const FREE = 0;
const CLAIMED = 1;
const COMPUTING = 2;
const READY = 3;
const FAILED = 4;
/** How long a worker waits for a column another is computing before it computes the column itself. */
const WAIT_MS = 5_000;

/**
 * A store for `slots` columns of `bars` values. The default bounds its memory at 64 MB (and at 256
 * columns): 5,000 daily bars fit 256 columns in 10 MB; 1,000,000 bars fit 8.
 */
export function createSharedColumns(bars: number, budgetBytes = 64 * 1024 * 1024, maxSlots = 256): SharedColumnsHandle {
  const slots = Math.max(0, Math.min(maxSlots, Math.floor(budgetBytes / Math.max(1, bars * 8))));
  const { total } = layout(bars, slots);
  return { buffer: new SharedArrayBuffer(total), bars, slots };
}

function layout(bars: number, slots: number): { keysAt: number; dataAt: number; total: number } {
  const keysAt = slots * 2 * 4;
  const keysEnd = keysAt + slots * KEY_UNITS * 2;
  const dataAt = Math.ceil(keysEnd / 8) * 8;
  return { keysAt, dataAt, total: dataAt + slots * bars * 8 };
}

/** A worker's view of a job's shared columns. */
export class SharedColumns {
  readonly bars: number;
  /** Columns this view computed and published, and columns it found computed (tests, bench). */
  published = 0;
  found = 0;
  private readonly slots: number;
  private readonly control: Int32Array;
  private readonly keys: Uint16Array;
  private readonly buffer: SharedArrayBuffer;
  private readonly dataAt: number;

  constructor(handle: SharedColumnsHandle) {
    const { keysAt, dataAt, total } = layout(handle.bars, handle.slots);
    if (handle.buffer.byteLength < total) throw new Error(`shared columns: buffer of ${handle.buffer.byteLength} bytes, layout needs ${total}`);
    this.bars = handle.bars;
    this.slots = handle.slots;
    this.buffer = handle.buffer;
    this.control = new Int32Array(handle.buffer, 0, handle.slots * 2);
    this.keys = new Uint16Array(handle.buffer, keysAt, handle.slots * KEY_UNITS);
    this.dataAt = dataAt;
  }

  /**
   * The column for `key`: the shared one if some worker computed it, else `compute()`'s result,
   * published for the others. `compute` must give `bars` values; it runs at most once here.
   */
  acquire(key: string, compute: () => Float64Array): Float64Array {
    if (key.length > KEY_UNITS || this.slots === 0) return compute();
    const start = hash(key) % this.slots;
    for (let probe = 0; probe < this.slots; probe++) {
      const slot = (start + probe) % this.slots;
      const at = slot * 2;
      let state = Atomics.load(this.control, at);
      if (state === FREE) {
        if (Atomics.compareExchange(this.control, at, FREE, CLAIMED) === FREE) return this.publish(slot, key, compute);
        state = Atomics.load(this.control, at);
      }
      // Claimed a moment ago: its key is being written.
      while (state === CLAIMED) {
        Atomics.wait(this.control, at, CLAIMED, 1);
        state = Atomics.load(this.control, at);
      }
      if (!this.holds(slot, key)) continue;
      if (state === COMPUTING) {
        Atomics.wait(this.control, at, COMPUTING, WAIT_MS);
        state = Atomics.load(this.control, at);
      }
      if (state !== READY) return compute();
      this.found++;
      return this.column(slot);
    }
    return compute();
  }

  private publish(slot: number, key: string, compute: () => Float64Array): Float64Array {
    const at = slot * 2;
    const base = slot * KEY_UNITS;
    for (let i = 0; i < key.length; i++) this.keys[base + i] = key.charCodeAt(i);
    Atomics.store(this.control, at + 1, key.length);
    Atomics.store(this.control, at, COMPUTING);
    let values: Float64Array;
    try {
      values = compute();
      if (values.length !== this.bars) throw new Error(`shared columns: a column of ${values.length} values for ${this.bars} bars`);
    } catch (error) {
      Atomics.store(this.control, at, FAILED);
      Atomics.notify(this.control, at);
      throw error;
    }
    const column = this.column(slot);
    column.set(values);
    Atomics.store(this.control, at, READY);
    Atomics.notify(this.control, at);
    this.published++;
    return column;
  }

  private holds(slot: number, key: string): boolean {
    if (Atomics.load(this.control, slot * 2 + 1) !== key.length) return false;
    const base = slot * KEY_UNITS;
    for (let i = 0; i < key.length; i++) if (this.keys[base + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private column(slot: number): Float64Array {
    return new Float64Array(this.buffer, this.dataAt + slot * this.bars * 8, this.bars);
  }
}

/** FNV-1a over the UTF-16 code units, as an unsigned 32-bit number. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
