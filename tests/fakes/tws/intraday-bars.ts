import { Accumulator, foldSegment, SLOT_MS, type UnitBar, type WhatToShow } from './bars.ts';
import { emptySlot } from './generator.ts';
import type { Instrument } from './instruments.ts';
import { sessionIntervals } from './sessions.ts';
import { HOUR_MS, utcToWall, wallToUtc, zoneOffsetMs } from './time-zone.ts';

/**
 * Intraday bars of `sizeMs` over [from, to): buckets aligned to New York wall-clock multiples of the
 * bar size, the first one being the first whole bucket at or after `from`; a bar holds the trading
 * slots of its bucket before `to` and is dated by its first slot.
 */
export function intradayBars(instrument: Instrument, what: WhatToShow, rth: boolean, from: number, to: number, sizeMs: number): UnitBar[] {
  const alignedFrom = wallToUtc(Math.ceil(utcToWall(from) / sizeMs) * sizeMs);
  const spans = sessionIntervals(instrument.session, rth, alignedFrom, to);
  if (what !== 'BID_ASK') return plainIntradayBars(instrument, what, spans, sizeMs);
  const acc = new Accumulator(instrument, what);
  const out: UnitBar[] = [];
  let bucket = Number.NaN;
  for (let i = 0; i < spans.length; i += 2) {
    const start = Math.ceil(spans[i] / SLOT_MS) * SLOT_MS;
    const end = spans[i + 1];
    // The zone offset is constant within a session unless it crosses a daylight-saving switch.
    const fixed = zoneOffsetMs(start) === zoneOffsetMs(end - 1) ? zoneOffsetMs(start) : null;
    for (let t = start; t < end; t += SLOT_MS) {
      const key = Math.floor((t + (fixed ?? zoneOffsetMs(t))) / sizeMs);
      if (key !== bucket) {
        const done = acc.take();
        if (done) out.push(done);
        bucket = key;
      }
      acc.add(t / SLOT_MS, 0);
    }
  }
  const last = acc.take();
  if (last) out.push(last);
  return out;
}

/**
 * The common case of `intradayBars`: each bucket's slots folded in one call straight from the
 * generator's cells — a history request spends nearly all its time here.
 */
function plainIntradayBars(instrument: Instrument, what: WhatToShow, spans: readonly number[], sizeMs: number): UnitBar[] {
  const scratch = emptySlot();
  const out: UnitBar[] = [];
  let current: UnitBar | null = null;
  let bucket = Number.NaN;
  for (let i = 0; i < spans.length; i += 2) {
    const end = spans[i + 1];
    for (let t = Math.ceil(spans[i] / SLOT_MS) * SLOT_MS; t < end; ) {
      const offset = zoneOffsetMs(t);
      const key = Math.floor((t + offset) / sizeMs);
      // A segment ends with its bucket, or at the next UTC hour (zones shift on whole hours, so the
      // offset is constant within it); the same bucket met again (after an hour boundary, or a
      // session break under an 8-hour bar) is folded onto the bar it began.
      const stop = Math.min(end, (key + 1) * sizeMs - offset, (Math.floor(t / HOUR_MS) + 1) * HOUR_MS);
      const k0 = t / SLOT_MS;
      const k1 = Math.ceil(stop / SLOT_MS);
      const same = current !== null && key === bucket;
      current = foldSegment(instrument, what, k0, k1, same ? current : null, 0, scratch);
      if (!same) out.push(current);
      bucket = key;
      t = k1 * SLOT_MS;
    }
  }
  return out;
}
