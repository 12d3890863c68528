import { civil, dayNumber, isWeekend, toDayNumber } from './civil-date.ts';
import { FEASTS_FROM, FEASTS_TO, FEAST_FIRST_DAYS } from './istanbul-feasts.ts';
import type { DayStatus, MarketRules } from './types.ts';

/**
 * Borsa Istanbul equity market: continuous trading 10:00–18:00 Europe/Istanbul (the closing
 * auction after 18:00 is not part of the session), half days 10:00–12:30 on the eves of the
 * religious feasts and on 28 October (eve of Republic Day). These are the hours since the
 * BISTECH move of 2015 and are used for every year.
 */
const OPEN = 10 * 60;
const CLOSE = 18 * 60;
const HALF_DAY_CLOSE = 12 * 60 + 30;

/** Official holidays under Law 2429, by month-day, with the year each began. */
const FIXED: ReadonlyArray<[md: string, name: string, since: number]> = [
  ['01-01', "New Year's Day", 0],
  ['04-23', 'National Sovereignty and Children’s Day', 0],
  ['05-01', 'Labour and Solidarity Day', 2009],
  ['05-19', 'Commemoration of Atatürk, Youth and Sports Day', 0],
  ['07-15', 'Democracy and National Unity Day', 2017],
  ['08-30', 'Victory Day', 0],
  ['10-29', 'Republic Day', 0],
];

/** Closures outside the holiday law. */
const SPECIAL: Record<string, string> = {
  // Trading halted after the Kahramanmaraş earthquakes; reopened 2023-02-15.
  '2023-02-08': 'Market closure after the earthquakes',
  '2023-02-09': 'Market closure after the earthquakes',
  '2023-02-10': 'Market closure after the earthquakes',
  '2023-02-13': 'Market closure after the earthquakes',
  '2023-02-14': 'Market closure after the earthquakes',
};

interface YearDays {
  closed: Map<number, string>;
  halfDays: Set<number>;
}

function daysOf(year: number): YearDays {
  const closed = new Map<number, string>();
  const halfDays = new Set<number>([dayNumber(year, 10, 28)]);
  for (const [md, name, since] of FIXED) if (year >= since) closed.set(toDayNumber(`${year}-${md}`), name);
  const feasts = FEAST_FIRST_DAYS[year];
  if (feasts) {
    const add = (md: string, length: number, name: string): void => {
      const first = toDayNumber(`${year}-${md}`);
      halfDays.add(first - 1);
      for (let i = 0; i < length; i++) closed.set(first + i, name);
    };
    add(feasts.ramazan, 3, 'Ramadan Feast');
    add(feasts.kurban, 4, 'Sacrifice Feast');
  }
  return { closed, halfDays };
}

const cache = new Map<number, YearDays>();
const special = new Map(Object.entries(SPECIAL).map(([k, v]) => [toDayNumber(k), v]));

function dayStatus(n: number): DayStatus {
  if (isWeekend(n)) return { kind: 'closed', reason: 'weekend' };
  const { year } = civil(n);
  let days = cache.get(year);
  if (!days) cache.set(year, (days = daysOf(year)));
  const reason = days.closed.get(n) ?? special.get(n);
  if (reason) return { kind: 'closed', reason };
  const early = days.halfDays.has(n);
  return { kind: 'open', openMin: OPEN, closeMin: early ? HALF_DAY_CLOSE : CLOSE, early };
}

export const BIST_RULES: MarketRules = {
  id: 'XIST',
  name: 'Borsa Istanbul',
  timeZone: 'Europe/Istanbul',
  holidayCoverage: { from: FEASTS_FROM, to: FEASTS_TO },
  dayStatus,
};
