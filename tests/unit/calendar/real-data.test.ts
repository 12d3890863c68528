import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALENDARS, DAY_MS } from '../../../src-shared/calendar/index.ts';
import { sharedDataDir, sharedDataFile } from '../../support/shared-data.ts';

/**
 * The NYSE calendar against real daily bars of Nasdaq-listed stocks (Yahoo exports): the session
 * days between a file's first and last date must be exactly the file's dates. NYSE and Nasdaq
 * share holidays and closures, so this checks both calendars.
 */
describe.skipIf(!sharedDataDir)('US equity calendars against real daily bars', () => {
  for (const file of ['orcl-1995-2014.csv', 'nvda-1999-2014.csv', 'yhoo-1996-2014.csv']) {
    it(`have exactly the trading days of ${file}`, () => {
      const days = readFileSync(sharedDataFile(file), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]!);
      const first = days[0]!;
      const last = days[days.length - 1]!;
      for (const id of ['XNYS', 'XNAS'] as const) {
        const sessions = CALENDARS[id].sessionsBetween(Date.parse(`${first}T00:00:00Z`), Date.parse(`${last}T00:00:00Z`) + DAY_MS);
        const expected = sessions.map((s) => s.day).filter((d) => d >= first && d <= last);
        const inFile = new Set(days);
        const inCalendar = new Set(expected);
        // Listed separately so that a failure names the days, not just a count.
        expect(expected.filter((d) => !inFile.has(d)), `${id} sessions missing from ${file}`).toEqual([]);
        expect(days.filter((d) => !inCalendar.has(d)), `${file} days that ${id} calls closed`).toEqual([]);
        expect(expected).toEqual(days);
      }
    });
  }
});
