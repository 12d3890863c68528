import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCells } from '../../../src-workers/import/cells.ts';
import { DateKind, daysFromCivil, parseClockCell, parseDateCell, type DateCell } from '../../../src-workers/import/dates.ts';
import { suggestSymbol } from '../../../src-workers/import/file-name.ts';
import { parseDecimal } from '../../../src-workers/import/numbers.ts';
import { summariseSteps } from '../../../src-workers/import/timeframe-guess.ts';

const num = (s: string, comma = false) => parseDecimal(s, 0, s.length, comma);

describe('numbers', () => {
  it('equals Number() for plain decimals of any length', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.option(fc.stringMatching(/^0{0,25}\d{0,20}$/), { nil: undefined }))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    fc.assert(fc.property(decimal, (s) => Object.is(num(s), Number(s))), { numRuns: 20_000 });
    // Around 2^53 = 9007199254740992, where the integer stops being exact.
    for (const s of ['9007199254740991', '9007199254740992', '9007199254740993', '9007199254740993.5', '0.9007199254740993']) {
      expect(num(s), s).toBe(Number(s));
    }
    expect(num('0.' + '0'.repeat(30) + '1')).toBe(1e-31);
    // What JavaScript itself writes for doubles (up to 17 significant digits) reads back exactly.
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (x) => num(String(x)) === x), { numRuns: 20_000 });
  });

  it('reads the values found in the test files exactly', () => {
    expect(num('45.560001')).toBe(45.560001);
    expect(num('0.5347')).toBe(0.5347);
    expect(num('3602.00')).toBe(3602);
    expect(num('1e3')).toBe(1000);
    expect(num('1,3766', true)).toBe(1.3766);
  });

  it('refuses what Number() would bend into a number', () => {
    for (const s of ['', ' ', '0x10', 'Infinity', 'null', '1.2.3', '-', '1,5', '12abc']) expect(num(s)).toBeNaN();
  });
});

describe('dates and clocks', () => {
  const cell: DateCell = { kind: DateKind.date, days: 0, ms: 0 };
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

  it('computes day numbers like Date.UTC', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1969, 12, 31], [2000, 2, 29], [2014, 3, 9], [2100, 3, 1], [1600, 1, 1]]) {
      expect(daysFromCivil(y, m, d)).toBe(day(y, m, d));
    }
  });

  it('reads each date format, with and without a clock time', () => {
    const cases: [string, Parameters<typeof parseDateCell>[3], number, number][] = [
      ['2014-01-02', 'iso', day(2014, 1, 2), 0],
      ['2014-01-02 09:30:00', 'iso', day(2014, 1, 2), 34_200_000],
      ['2014-01-02T09:30:00.123', 'iso', day(2014, 1, 2), 34_200_123],
      ['20140102', 'ymd-compact', day(2014, 1, 2), 0],
      ['2014.01.02', 'ymd-dot', day(2014, 1, 2), 0],
      ['2014/1/2 9:30', 'ymd-slash', day(2014, 1, 2), 34_200_000],
      ['02/01/2014', 'dmy-slash', day(2014, 1, 2), 0],
      ['1/2/2014 9:30:00 PM', 'mdy-slash', day(2014, 1, 2), 77_400_000],
    ];
    for (const [text, format, days, ms] of cases) {
      expect(parseDateCell(text, 0, text.length, format, cell), text).toBe(true);
      expect([cell.days, cell.ms], text).toEqual([days, ms]);
    }
  });

  it('refuses impossible dates and times', () => {
    for (const text of ['2014-13-45', '2014-02-29', '2014-01-02 24:00:00', '2014-01-02 09:60', '2014-01-02x']) {
      expect(parseDateCell(text, 0, text.length, 'iso', cell), text).toBe(false);
    }
    expect(parseDateCell('2016-02-29', 0, 10, 'iso', cell)).toBe(true);
  });

  it('reads clock cells in colon and compact forms', () => {
    const clock = (s: string) => parseClockCell(s, 0, s.length);
    expect(clock('09:30:00')).toBe(34_200_000);
    expect(clock('093000')).toBe(34_200_000);
    expect(clock('93000')).toBe(34_200_000);
    expect(clock('0930')).toBe(34_200_000);
    expect(clock('23:59:59.5')).toBe(86_399_500);
    expect(clock('25:00')).toBeNaN();
  });
});

describe('cells', () => {
  it('splits quoted cells with delimiters and doubled quotes inside', () => {
    expect(splitCells('"2014-01-02","1,234.5",x,"say ""hi"""', ',')).toEqual(['2014-01-02', '1,234.5', 'x', 'say "hi"']);
    expect(splitCells('a;b;', ';')).toEqual(['a', 'b', '']);
  });
});

describe('time steps', () => {
  it('finds daily bars despite weekends, and minutes despite a lunch gap', () => {
    const d = 86_400_000;
    const weekdays = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((k) => k * d);
    expect(summariseSteps(weekdays)).toMatchObject({ timeframe: '1d', regular: true });
    const minutes = [0, 1, 2, 3, 60, 61, 62].map((k) => k * 300_000);
    expect(summariseSteps(minutes)).toMatchObject({ timeframe: '5m', regular: true });
    expect(summariseSteps([0, 1234, 1900, 7000])).toMatchObject({ timeframe: null, regular: false, subSecond: true });
  });
});

describe('symbols from file names', () => {
  it.each([
    ['orcl-1995-2014.csv', 'ORCL'],
    ['BTCUSDT-1m-2024-01.csv', 'BTCUSDT'],
    ['EURUSD60.csv', 'EURUSD'],
    ['estx50-ticks-2015-09-23.csv', 'ESTX50'],
    ['/home/me/Downloads/aapl.us.txt', 'AAPL'],
    ['C:\\data\\^GSPC.csv', '^GSPC'],
    ['2024-01-01.csv', null],
  ])('%s → %s', (name, symbol) => {
    expect(suggestSymbol(name)).toBe(symbol);
  });
});
