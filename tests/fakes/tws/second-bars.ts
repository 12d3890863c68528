import { hasTrades, seriesOffsetUnits, type UnitBar, type WhatToShow } from './bars.ts';
import type { Instrument } from './instruments.ts';
import { sessionIntervals } from './sessions.ts';

const SLOT_MS = 5000;

/**
 * 1-second bars, finer than the 5-second ground truth: each second holding one of a slot's four
 * trades (at 0.5, 1.5, 2.5 and 4 s) is a bar of that one trade, so they still fold exactly into the
 * slot; the quote series sit at the trade's bid / ask / midpoint. Seconds without a trade have no bar.
 */
export function secondBars(instrument: Instrument, what: WhatToShow, rth: boolean, from: number, to: number): UnitBar[] {
  const spans = sessionIntervals(instrument.session, rth, Math.ceil(from / 1000) * 1000, to);
  const step = instrument.model.stepUnits;
  const offset = seriesOffsetUnits(instrument, what);
  const traded = hasTrades(what);
  const out: UnitBar[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    for (let slot = Math.floor(spans[i] / SLOT_MS); slot * SLOT_MS < spans[i + 1]; slot++) {
      for (const t of instrument.path.trades(slot)) {
        const second = Math.floor(t.time / 1000) * 1000;
        if (second < spans[i] || second >= spans[i + 1]) continue;
        const bid = t.price - step;
        const ask = t.price + 2 * step;
        const [open, high, low, close] = what === 'BID_ASK' ? [bid, ask, bid, ask] : [t.price + offset, t.price + offset, t.price + offset, t.price + offset];
        out.push({
          time: second, day: 0, open, high, low, close, slots: 1,
          volume: traded ? t.size : -1, wapSum: traded ? t.price * t.size : -1, count: traded ? 1 : -1,
        });
      }
    }
  }
  return out;
}
