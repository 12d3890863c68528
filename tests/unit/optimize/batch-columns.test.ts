import { describe, expect, it } from 'vitest';
import { createSharedColumns, SharedColumns } from '../../../src-workers/optimize/batch-columns.ts';

// The job's shared indicator store, with two views standing for two workers over one buffer.

const column = (n: number, v: number) => new Float64Array(n).fill(v);

describe('SharedColumns', () => {
  it('computes a column once: the other view finds it', () => {
    const handle = createSharedColumns(100);
    const a = new SharedColumns(handle);
    const b = new SharedColumns(handle);
    let computed = 0;
    const x = a.acquire('sma:{"period":10}@', () => (computed++, column(100, 1.5)));
    const y = b.acquire('sma:{"period":10}@', () => (computed++, column(100, 9)));
    expect(computed).toBe(1);
    expect([...y]).toEqual([...x]);
    expect(y[0]).toBe(1.5);
    expect([a.published, b.found]).toEqual([1, 1]);
  });

  it('keeps keys apart, colliding slots included', () => {
    const handle = createSharedColumns(10, 10 * 8 * 3); // 3 slots: probing wraps around
    const a = new SharedColumns(handle);
    for (let k = 0; k < 3; k++) a.acquire(`key-${k}`, () => column(10, k));
    const b = new SharedColumns(handle);
    for (let k = 0; k < 3; k++) expect(b.acquire(`key-${k}`, () => column(10, -1))[0]).toBe(k);
  });

  it('computes without sharing when the store is full or the key too long', () => {
    const handle = createSharedColumns(10, 10 * 8); // 1 slot
    const a = new SharedColumns(handle);
    a.acquire('first', () => column(10, 1));
    expect(a.acquire('second', () => column(10, 2))[0]).toBe(2);
    expect(new SharedColumns(handle).acquire('second', () => column(10, 3))[0]).toBe(3);
    const long = 'x'.repeat(500);
    expect(new SharedColumns(createSharedColumns(10)).acquire(long, () => column(10, 4))[0]).toBe(4);
  });

  it('lets the others compute a column whose computation failed (they meet the same error)', () => {
    const handle = createSharedColumns(10);
    expect(() => new SharedColumns(handle).acquire('bad', () => { throw new Error('no'); })).toThrow('no');
    expect(new SharedColumns(handle).acquire('bad', () => column(10, 7))[0]).toBe(7);
  });

  it('refuses a column of the wrong length (a bug, not a value to share)', () => {
    const a = new SharedColumns(createSharedColumns(10));
    expect(() => a.acquire('short', () => column(9, 1))).toThrow(/9 values for 10 bars/);
  });
});
