import { describe, expect, it } from 'vitest';
import { DAY_MS, TIME_ZONES, TIME_ZONE_RULES_FROM, utcOffsetMinutes } from '../../../src-shared/calendar/index.ts';

/** The offset the IANA tz database (through Intl) gives at an instant, in minutes east of UTC. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(zone: string, ms: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - Math.floor(ms / 60_000) * 60_000) / 60_000;
}

describe('time-zone rules', () => {
  for (const zone of TIME_ZONES) {
    it(`match the tz database at local noon of every day from ${TIME_ZONE_RULES_FROM[zone]} to 2040 in ${zone}`, () => {
      const mismatches: string[] = [];
      for (let year = TIME_ZONE_RULES_FROM[zone]; year <= 2040; year++) {
        for (let n = Date.UTC(year, 0, 1) / DAY_MS; n < Date.UTC(year + 1, 0, 1) / DAY_MS; n++) {
          const ours = utcOffsetMinutes(zone, n, year);
          const theirs = intlOffset(zone, n * DAY_MS + 12 * 3_600_000 - ours * 60_000);
          if (ours !== theirs) mismatches.push(`${new Date(n * DAY_MS).toISOString().slice(0, 10)}: ${ours} vs ${theirs}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
