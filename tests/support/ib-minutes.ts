import { fiveSecondBar } from '../fakes/tws/ground-truth.ts';

/**
 * O, H, L, C, V of the minute starting at `minuteStart`, folded here by hand from the fake TWS's twelve
 * 5-second bars (its ground truth shares the price path with the server and nothing else).
 */
export function ibMinuteOf(instrument: Parameters<typeof fiveSecondBar>[0], minuteStart: number): number[] {
  const slots = Array.from({ length: 12 }, (_, k) => fiveSecondBar(instrument, 'TRADES', minuteStart / 1000 + 5 * k));
  return [slots[0]!.open, Math.max(...slots.map((s) => s.high)), Math.min(...slots.map((s) => s.low)), slots[11]!.close, slots.reduce((v, s) => v + s.volume, 0)];
}
