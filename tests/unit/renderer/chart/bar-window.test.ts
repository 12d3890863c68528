import { describe, expect, it } from 'vitest';
import { alignColumn, BarWindow, type Bar, type Block } from '../../../../src-renderer/pages/chart/data/bar-window.ts';

const bar = (time: number): Bar => ({ time, open: time, high: time + 1, low: time - 1, close: time, volume: 1 });

/** Bars at times [from, to) with an "sma" indicator whose value is time × 10. */
function block(from: number, to: number, withValues = true): Block {
  const bars = Array.from({ length: to - from }, (_, i) => bar(from + i));
  const values = new Map();
  if (withValues) values.set('sma-1', new Map([['value', bars.map((b) => b.time * 10)]]));
  return { bars, values };
}

describe('BarWindow', () => {
  it('prepends an older block and says how far the view must move', () => {
    const w = new BarWindow(100);
    w.reset(block(50, 80), false, true);
    const shift = w.prepend(block(20, 50), false);
    expect(shift).toEqual({ addedLeft: 30, droppedLeft: 0, addedRight: 0, droppedRight: 0 });
    expect(w.length).toBe(60);
    expect(w.firstTime).toBe(20);
    expect(w.values.get('sma-1')!.get('value')![0]).toBe(200);
    expect(w.values.get('sma-1')!.get('value')![59]).toBe(790);
    expect(w.atEnd).toBe(true);
  });

  it('never holds more than max bars: the newest are dropped when scrolling back', () => {
    const w = new BarWindow(50);
    w.reset(block(60, 100), false, true);
    const shift = w.prepend(block(30, 60), false);
    expect(w.length).toBe(50);
    expect(shift.droppedRight).toBe(20);
    expect(w.firstTime).toBe(30);
    expect(w.lastTime).toBe(79);
    expect(w.atEnd).toBe(false);
    expect(w.values.get('sma-1')!.get('value')).toHaveLength(50);
  });

  it('appends a newer block and drops the oldest past max', () => {
    const w = new BarWindow(50);
    w.reset(block(0, 40), true, false);
    const shift = w.append(block(40, 60), true);
    expect(shift).toEqual({ addedLeft: 0, droppedLeft: 10, addedRight: 20, droppedRight: 0 });
    expect(w.firstTime).toBe(10);
    expect(w.lastTime).toBe(59);
    expect(w.atStart).toBe(false);
    expect(w.atEnd).toBe(true);
  });

  it('skips bars of a block that overlap what is held', () => {
    const w = new BarWindow(100);
    w.reset(block(10, 20), false, false);
    expect(w.prepend(block(5, 15), true).addedLeft).toBe(5);
    expect(w.append(block(18, 25), true).addedRight).toBe(5);
    expect(w.bars.map((b) => b.time)).toEqual(Array.from({ length: 20 }, (_, i) => 5 + i));
    expect(w.atStart).toBe(true);
  });

  it('fills NaN where a block came without an indicator', () => {
    const w = new BarWindow(100);
    w.reset(block(10, 20), false, true);
    w.prepend(block(0, 10, false), true);
    const column = w.values.get('sma-1')!.get('value')!;
    expect(column.slice(0, 10).every(Number.isNaN)).toBe(true);
    expect(column[10]).toBe(100);
  });

  it('replaces the last bar with a live bar of the same time and appends a newer one', () => {
    const w = new BarWindow(100);
    w.reset(block(0, 10), true, true);
    expect(w.upsert({ ...bar(9), close: 42 }, { 'sma-1': { value: 1 } })).toBe('replaced');
    expect(w.upsert(bar(10), { 'sma-1': { value: null } })).toBe('appended');
    expect(w.upsert(bar(3), {})).toBe(false);
    expect(w.length).toBe(11);
    expect(w.bars[9]!.close).toBe(42);
    const column = w.values.get('sma-1')!.get('value')!;
    expect(column[9]).toBe(1);
    expect(column[10]).toBeNaN();
  });

  it('aligns indicator values by time, not by position', () => {
    const bars = [bar(1), bar(2), bar(3), bar(4)];
    expect(alignColumn(bars, [2, 3, 5], [20, 30, 50])).toEqual([NaN, 20, 30, NaN]);
  });

  it('sets and removes one indicator, and finds bars by time', () => {
    const w = new BarWindow(100);
    w.reset(block(0, 10, false), true, true);
    w.setValues('rsi-1', Float64Array.from([5, 6, 7]), { value: Float64Array.from([50, 60, 70]) });
    expect(w.values.get('rsi-1')!.get('value')!.slice(4, 8)).toEqual([NaN, 50, 60, 70]);
    w.removeValues('rsi-1');
    expect(w.values.has('rsi-1')).toBe(false);
    expect(w.indexAtOrBefore(6.5)).toBe(6);
    expect(w.indexAtOrBefore(-1)).toBe(-1);
  });

  it('drops the oldest bars of a long live session', () => {
    const w = new BarWindow(100);
    w.reset(block(0, 30), true, true);
    expect(w.dropOldest(10)).toEqual({ addedLeft: 0, droppedLeft: 10, addedRight: 0, droppedRight: 0 });
    expect(w.firstTime).toBe(10);
    expect(w.values.get('sma-1')!.get('value')).toHaveLength(20);
    expect(w.atStart).toBe(false);
  });
});
