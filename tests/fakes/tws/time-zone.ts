/**
 * Wall-clock time in IANA zones through Intl (so daylight saving is the real rule of each year),
 * cached per UTC hour: sessions, bar buckets and date strings ask for it millions of times.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The zone the fake TWS "is logged in" from: its bar dates and connection time use it. */
export const TWS_ZONE = 'America/New_York';
/** How TWS names that zone in date strings. */
export const TWS_ZONE_NAME = 'US/Eastern';

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // Throws RangeError for an unknown zone: callers turn that into TWS's own complaint.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
    offsetCaches.set(zone, new Map());
  }
  return f;
}

/** Local minus UTC, in ms, at instant `utcMs` (−5 h for New York in winter). Zones shift on whole hours here. */
export function zoneOffsetMs(utcMs: number, zone: string = TWS_ZONE): number {
  const formatter = formatterFor(zone);
  const cache = offsetCaches.get(zone)!;
  const hour = Math.floor(utcMs / HOUR_MS);
  let offset = cache.get(hour);
  if (offset === undefined) {
    const at = hour * HOUR_MS;
    const parts: Record<string, number> = {};
    for (const p of formatter.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - at;
    cache.set(hour, offset);
  }
  return offset;
}

/** The instant at which a wall clock in `zone` shows `wallMs` (a wall time written as if it were UTC). */
export function wallToUtc(wallMs: number, zone: string = TWS_ZONE): number {
  const first = wallMs - zoneOffsetMs(wallMs, zone);
  const second = wallMs - zoneOffsetMs(first, zone);
  return second;
}

export function utcToWall(utcMs: number, zone: string = TWS_ZONE): number {
  return utcMs + zoneOffsetMs(utcMs, zone);
}

/** A calendar day as an integer (days since 1970-01-01), the key sessions and daily bars use. */
export type DayNumber = number;

export function dayOfWall(wallMs: number): DayNumber {
  return Math.floor(wallMs / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: DayNumber): number {
  return (day + 4) % 7;
}

const dayTextCache = new Map<DayNumber, string>();

/** `yyyyMMdd` of a day number. */
export function dayText(day: DayNumber): string {
  let text = dayTextCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
    if (dayTextCache.size > 50_000) dayTextCache.clear();
    dayTextCache.set(day, text);
  }
  return text;
}

const two = (n: number) => (n < 10 ? '0' : '') + n;

/** `HH:mm:00` of every minute of a day: bar dates are mostly whole minutes. */
const MINUTE_TEXTS = Array.from({ length: 1440 }, (_, m) => `${two(Math.floor(m / 60))}:${two(m % 60)}:00`);

/** `HH:mm:ss` of a millisecond count within a day. */
export function clockText(msOfDay: number): string {
  if (msOfDay % 60_000 === 0) return MINUTE_TEXTS[msOfDay / 60_000];
  const s = Math.floor(msOfDay / 1000);
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** How TWS writes an instant in its own zone: `20260123 09:30:00 US/Eastern`. */
export function twsDateTime(utcMs: number): string {
  const wall = utcToWall(utcMs);
  const day = dayOfWall(wall);
  return `${dayText(day)} ${clockText(wall - day * DAY_MS)} ${TWS_ZONE_NAME}`;
}

/** UTC as `yyyyMMdd-HH:mm:ss`, the zone-free form the API also accepts and TWS uses for head timestamps. */
export function utcDashText(utcMs: number): string {
  const day = Math.floor(utcMs / DAY_MS);
  return `${dayText(day)}-${clockText(utcMs - day * DAY_MS)}`;
}

/** The handshake's connection time, as TWS writes it: `20261122 14:03:11 EST`. */
export function connectionTimeText(utcMs: number): string {
  const wall = utcToWall(utcMs);
  const day = dayOfWall(wall);
  const abbreviation = zoneOffsetMs(utcMs) === -5 * HOUR_MS ? 'EST' : 'EDT';
  return `${dayText(day)} ${clockText(wall - day * DAY_MS)} ${abbreviation}`;
}

/** A wall time from a day number and clock parts, written as if it were UTC. */
export function wallAt(day: DayNumber, hour: number, minute = 0): number {
  return day * DAY_MS + (hour * 60 + minute) * 60_000;
}

export { DAY_MS, HOUR_MS };
