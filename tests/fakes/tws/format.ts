import type { UnitBar } from './bars.ts';
import type { Instrument } from './instruments.ts';
import type { BarFields } from './messages.ts';

const POW10 = Array.from({ length: 16 }, (_, n) => 10 ** n);
/** ".05", ".5" … for every fraction of 10^decimals, built on first use for up to 5 decimals. */
const FRACTIONS: Array<string[] | undefined> = [];

function computeFraction(fraction: number, decimals: number): string {
  return fraction === 0 ? '' : `.${String(fraction).padStart(decimals, '0').replace(/0+$/, '')}`;
}

function fractionText(fraction: number, decimals: number): string {
  if (decimals > 5) return computeFraction(fraction, decimals);
  let table = FRACTIONS[decimals];
  if (table === undefined) {
    table = [];
    for (let f = 0; f < POW10[decimals]; f++) table.push(computeFraction(f, decimals));
    FRACTIONS[decimals] = table;
  }
  return table[fraction];
}

/**
 * Units to the decimal text TWS sends ("190.23", "1.08415", "0.0523"). A whole number of units is
 * written digit by digit, so the client reads back exactly `units / 10^decimals`; fractional units
 * (BID_ASK's time averages) are written as the shortest text of that quotient.
 */
export function unitsText(units: number, decimals: number): string {
  const scale = POW10[decimals];
  if (!Number.isInteger(units)) return String(units / scale);
  const magnitude = units < 0 ? -units : units;
  const whole = Math.floor(magnitude / scale);
  const fraction = magnitude - whole * scale;
  const text = fraction === 0 ? String(whole) : String(whole) + fractionText(fraction, decimals);
  return units < 0 ? '-' + text : text;
}

export function priceText(instrument: Instrument, units: number): string {
  return unitsText(units, instrument.priceDecimals);
}

export function sizeText(instrument: Instrument, sizeUnits: number): string {
  return unitsText(sizeUnits, instrument.sizeDecimals);
}

/** Extra decimals of a WAP beyond the price's (IB's WAPs carry a few more digits than its prices). */
export const WAP_EXTRA_DECIMALS = 2;

/** VWAP of a bar, Σ(price × size) / Σ size, in price units × 10^WAP_EXTRA_DECIMALS, rounded half up. */
export function wapUnits(bar: Pick<UnitBar, 'wapSum' | 'volume'>): number {
  return Math.round((bar.wapSum * POW10[WAP_EXTRA_DECIMALS]) / bar.volume);
}

/** A bar's fields as TWS writes them; series without trades carry -1 volume, WAP and count. */
export function barFields(instrument: Instrument, bar: UnitBar, date: string): BarFields {
  const traded = bar.volume >= 0;
  return [
    date,
    priceText(instrument, bar.open),
    priceText(instrument, bar.high),
    priceText(instrument, bar.low),
    priceText(instrument, bar.close),
    traded ? sizeText(instrument, bar.volume) : '-1',
    traded ? unitsText(wapUnits(bar), instrument.priceDecimals + WAP_EXTRA_DECIMALS) : '-1',
    String(bar.count),
  ];
}

/**
 * Historical bars as one NUL-joined text — date, open, high, low, close, volume, WAP, [hasGaps,]
 * count per bar — built by concatenation: the hot path of every history answer.
 */
export function historyBarsText(instrument: Instrument, bars: readonly UnitBar[], dateOf: (bar: UnitBar) => string, hasGaps: boolean): string {
  const d = instrument.priceDecimals;
  const gaps = hasGaps ? '\0false' : '';
  let text = '';
  for (let n = 0; n < bars.length; n++) {
    const b = bars[n];
    const traded = b.volume >= 0;
    text += `${n === 0 ? '' : '\0'}${dateOf(b)}\0${unitsText(b.open, d)}\0${unitsText(b.high, d)}\0${unitsText(b.low, d)}\0${unitsText(b.close, d)}\0${
      traded ? sizeText(instrument, b.volume) : '-1'}\0${traded ? unitsText(wapUnits(b), d + WAP_EXTRA_DECIMALS) : '-1'}${gaps}\0${b.count}`;
  }
  return text;
}
