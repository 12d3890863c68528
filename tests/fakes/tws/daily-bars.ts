import { Accumulator, foldSegment, SLOT_MS, type UnitBar, type WhatToShow } from './bars.ts';
import { emptySlot } from './generator.ts';
import type { Instrument } from './instruments.ts';
import { sessionsOfDay, tradeDayOf, tradeDayStart } from './sessions.ts';
import type { DayNumber } from './time-zone.ts';

/** Whole trade dates already folded, per instrument object (two fakes may list different models under one conId). */
const dailyCache = new WeakMap<Instrument, Map<string, UnitBar | null>>();

/** The bar of one whole trade date, or the part of it before `to`; whole days are remembered. */
export function dayBar(instrument: Instrument, what: WhatToShow, rth: boolean, day: DayNumber, to: number): UnitBar | null {
  const spans = sessionsOfDay(instrument.session, rth, day);
  if (spans.length === 0) return null;
  const whole = spans[spans.length - 1] <= to;
  const key = `${what}|${rth ? 1 : 0}|${day}`;
  let cache = dailyCache.get(instrument);
  if (cache === undefined) dailyCache.set(instrument, (cache = new Map()));
  if (whole && cache.has(key)) return cloneBar(cache.get(key)!);
  let bar: UnitBar | null = null;
  if (what === 'BID_ASK') {
    const acc = new Accumulator(instrument, what);
    for (let i = 0; i < spans.length; i += 2) {
      const end = Math.min(spans[i + 1], to);
      for (let t = spans[i]; t < end; t += SLOT_MS) acc.add(t / SLOT_MS, day);
    }
    bar = acc.take();
  } else {
    const scratch = emptySlot();
    for (let i = 0; i < spans.length; i += 2) {
      const [k0, k1] = [spans[i] / SLOT_MS, Math.ceil(Math.min(spans[i + 1], to) / SLOT_MS)];
      if (k1 > k0) bar = foldSegment(instrument, what, k0, k1, bar, day, scratch);
    }
  }
  if (whole) {
    if (cache.size > 50_000) cache.clear();
    cache.set(key, bar);
  }
  return cloneBar(bar);
}

function cloneBar(bar: UnitBar | null): UnitBar | null {
  return bar === null ? null : { ...bar };
}

/** Daily bars of the trade dates that begin in [from, to). */
export function dailyBars(instrument: Instrument, what: WhatToShow, rth: boolean, from: number, to: number): UnitBar[] {
  const out: UnitBar[] = [];
  const kind = instrument.session;
  for (let day = tradeDayOf(kind, from); tradeDayStart(kind, day) < to; day++) {
    if (tradeDayStart(kind, day) < from) continue;
    const bar = dayBar(instrument, what, rth, day, to);
    if (bar) out.push(bar);
  }
  return out;
}

/**
 * Weekly (Monday to Sunday trade dates) or monthly bars folded from daily bars, for the periods that
 * begin in [from, to); each is dated by its first trade date that has data.
 */
export function periodBars(instrument: Instrument, what: WhatToShow, rth: boolean, from: number, to: number, period: 'week' | 'month'): UnitBar[] {
  const kind = instrument.session;
  const periodOf = (day: DayNumber) => (period === 'week' ? Math.floor((day + 3) / 7) : monthOf(day));
  let firstDay = tradeDayOf(kind, from);
  while (periodOf(firstDay - 1) === periodOf(firstDay) || tradeDayStart(kind, firstDay) < from) firstDay++;
  const out: UnitBar[] = [];
  let current: UnitBar | null = null;
  let currentPeriod = Number.NaN;
  for (let day = firstDay; tradeDayStart(kind, day) < to; day++) {
    const bar = dayBar(instrument, what, rth, day, to);
    if (!bar) continue;
    const p = periodOf(day);
    if (current && p === currentPeriod) {
      fold(current, bar, what === 'BID_ASK');
      continue;
    }
    if (current) out.push(current);
    current = bar;
    currentPeriod = p;
  }
  if (current) out.push(current);
  return out;
}

/** Appends `next` to `into`; BID_ASK's open and close are time averages, so they are weighted by slots. */
function fold(into: UnitBar, next: UnitBar, bidAsk: boolean): void {
  const slots = into.slots + next.slots;
  if (bidAsk) {
    into.open = (into.open * into.slots + next.open * next.slots) / slots;
    into.close = (into.close * into.slots + next.close * next.slots) / slots;
  } else into.close = next.close;
  into.high = Math.max(into.high, next.high);
  into.low = Math.min(into.low, next.low);
  into.slots = slots;
  if (into.volume >= 0) [into.volume, into.wapSum, into.count] = [into.volume + next.volume, into.wapSum + next.wapSum, into.count + next.count];
}

function monthOf(day: DayNumber): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
