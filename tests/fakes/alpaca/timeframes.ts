import { zonedTime, zoneParts, type Zone } from './market-hours.ts';

export type TimeframeUnit = 'Min' | 'Hour' | 'Day' | 'Week' | 'Month';

export interface Timeframe {
  readonly amount: number;
  readonly unit: TimeframeUnit;
}

const UNIT_ALIASES: Readonly<Record<string, TimeframeUnit>> = {
  Min: 'Min', T: 'Min', Hour: 'Hour', H: 'Hour', Day: 'Day', D: 'Day', Week: 'Week', W: 'Week', Month: 'Month', M: 'Month',
};
const MONTH_AMOUNTS = new Set([1, 2, 3, 4, 6, 12]);
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Alpaca's accepted timeframes: `[1-59]Min` (or `T`), `[1-23]Hour` (or `H`), `1Day` (`D`),
 * `1Week` (`W`), `[1,2,3,4,6,12]Month` (`M`). Anything else is null (the caller answers 422).
 */
export function parseTimeframe(text: string): Timeframe | null {
  const match = /^([1-9][0-9]?)(Min|T|Hour|H|Day|D|Week|W|Month|M)$/.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = UNIT_ALIASES[match[2]];
  const ok = unit === 'Min' ? amount <= 59 : unit === 'Hour' ? amount <= 23 : unit === 'Month' ? MONTH_AMOUNTS.has(amount) : amount === 1;
  return ok ? { amount, unit } : null;
}

/**
 * The open of the bar holding instant `ms`. Minute bars restart at every hour and hour bars at every
 * UTC midnight (so 15Min bars open at :00/:15/:30/:45); days, weeks (from Monday) and months open
 * at midnight of `zone` — New York for stocks, UTC for crypto.
 */
export function bucketOpen(tf: Timeframe, ms: number, zone: Zone): number {
  switch (tf.unit) {
    case 'Min': {
      const hour = Math.floor(ms / HOUR_MS) * HOUR_MS;
      return hour + Math.floor((ms - hour) / (tf.amount * MINUTE_MS)) * tf.amount * MINUTE_MS;
    }
    case 'Hour': {
      const day = Math.floor(ms / DAY_MS) * DAY_MS;
      return day + Math.floor((ms - day) / (tf.amount * HOUR_MS)) * tf.amount * HOUR_MS;
    }
    case 'Day': {
      const p = zoneParts(ms, zone);
      return zonedTime(zone, p.year, p.month, p.day);
    }
    case 'Week': {
      const p = zoneParts(ms, zone);
      return zonedTime(zone, p.year, p.month, p.day - ((p.weekday + 6) % 7));
    }
    case 'Month': {
      const p = zoneParts(ms, zone);
      return zonedTime(zone, p.year, Math.floor((p.month - 1) / tf.amount) * tf.amount + 1, 1);
    }
  }
}

/** The open of the bar after the one opening at `open`. */
export function nextBucketOpen(tf: Timeframe, open: number, zone: Zone): number {
  switch (tf.unit) {
    case 'Min':
      return Math.min(open + tf.amount * MINUTE_MS, Math.floor(open / HOUR_MS) * HOUR_MS + HOUR_MS);
    case 'Hour':
      return Math.min(open + tf.amount * HOUR_MS, Math.floor(open / DAY_MS) * DAY_MS + DAY_MS);
    case 'Day':
    case 'Week': {
      // Noon of the day is safely inside it whatever the DST shift; step whole days from there.
      const p = zoneParts(open + 12 * HOUR_MS, zone);
      return zonedTime(zone, p.year, p.month, p.day + (tf.unit === 'Day' ? 1 : 7));
    }
    case 'Month': {
      const p = zoneParts(open + 12 * HOUR_MS, zone);
      return zonedTime(zone, p.year, p.month + tf.amount, 1);
    }
  }
}

/** The open of the bar before the one opening at `open`. */
export function previousBucketOpen(tf: Timeframe, open: number, zone: Zone): number {
  return bucketOpen(tf, open - 1, zone);
}

/** The wire spelling, e.g. `15Min`. */
export function formatTimeframe(tf: Timeframe): string {
  return `${tf.amount}${tf.unit}`;
}
