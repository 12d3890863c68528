import { AppFailure } from '../../src-shared/contract/errors.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Converts a wall-clock time (its fields read as if UTC, in ms) to the UTC instant. */
export type WallClockToUtc = (wallMs: number) => number;

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z', 'Etc/Universal', 'Universal', 'Etc/Zulu']);

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new AppFailure('VALIDATION_FAILED', `unknown time zone "${timeZone}"`, { timeZone });
  }
}

// en-US with h23 formats as `01/02/2014, 09:30:00`.
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2}):(\d{2})$/;

/** The zone's UTC offset (ms) at a UTC instant, from what the platform's time-zone data says. */
function offsetReader(format: Intl.DateTimeFormat): (utcMs: number) => number {
  const cache = new Map<number, number>();
  return (utcMs) => {
    const whole = Math.floor(utcMs / 1000) * 1000;
    const hit = cache.get(whole);
    if (hit !== undefined) return hit;
    let wall: number;
    const m = FORMATTED.exec(format.format(whole));
    if (m) {
      wall = Date.UTC(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6]);
    } else {
      // Years before 1000 or odd locales data: fall back to the parts.
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(whole)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const date = new Date(0);
      date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
      date.setUTCHours(parts.hour, parts.minute, parts.second, 0);
      wall = date.getTime();
    }
    const offset = wall - whole;
    if (cache.size > 100_000) cache.clear();
    cache.set(whole, offset);
    return offset;
  };
}

/**
 * A converter from wall-clock times in `timeZone` (IANA) to UTC, correct across DST changes.
 * A wall time that occurs twice (the repeated hour in autumn) takes the earlier instant; one
 * that does not exist (the skipped hour in spring) is read with the offset before the change,
 * so 02:30 on a spring-forward night becomes 03:30 — the rules of JavaScript's Temporal
 * ("compatible"). Offsets are cached per local hour, so a million rows cost a few thousand
 * look-ups; throws VALIDATION_FAILED for an unknown zone.
 */
export function wallClockToUtc(timeZone: string): WallClockToUtc {
  if (UTC_NAMES.has(timeZone)) return (wall) => wall;
  const offsetAt = offsetReader(formatterFor(timeZone));

  const resolve = (wall: number): number => {
    const before = offsetAt(wall - DAY_MS);
    const after = offsetAt(wall + DAY_MS);
    if (before === after) return wall - before;
    const early = wall - before;
    const late = wall - after;
    const earlyValid = offsetAt(early) === before;
    const lateValid = offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    return early; // in the gap
  };

  // Per local hour: the offset when it is the same for the whole hour, NaN when a change falls inside.
  const hours = new Map<number, number>();
  let lastHour = NaN;
  let lastOffset = NaN;
  return (wall) => {
    const hour = Math.floor(wall / HOUR_MS);
    if (hour === lastHour && !Number.isNaN(lastOffset)) return wall - lastOffset;
    let offset = hours.get(hour);
    if (offset === undefined) {
      const start = hour * HOUR_MS;
      const first = resolve(start);
      const last = resolve(start + HOUR_MS - 1);
      offset = last - first === HOUR_MS - 1 ? start - first : NaN;
      if (hours.size > 200_000) hours.clear();
      hours.set(hour, offset);
    }
    lastHour = hour;
    lastOffset = offset;
    return Number.isNaN(offset) ? resolve(wall) : wall - offset;
  };
}
