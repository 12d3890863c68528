import type { DateFormat, ImportKind } from '../../src-shared/domain/import.ts';
import type { Role } from './draft.ts';

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'ISO — 2014-01-02 09:30:00',
  'ymd-compact': 'Compact — 20140102',
  'ymd-dot': 'Dotted — 2014.01.02',
  'ymd-slash': 'Year first — 2014/01/02',
  'dmy-slash': 'Day first — 02/01/2014',
  'mdy-slash': 'Month first — 01/02/2014',
  'unix-s': 'Unix seconds',
  'unix-ms': 'Unix milliseconds',
  'unix-us': 'Unix microseconds',
};

export const KIND_LABELS: Record<ImportKind, string> = { bars: 'Bars', ticks: 'Ticks', quotes: 'Quotes' };

export const DELIMITER_LABELS = { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab', '|': 'Pipe' } as const;

export const ROLE_LABELS: Record<Role, string> = {
  date: 'Date',
  time: 'Time',
  open: 'Open',
  high: 'High',
  low: 'Low',
  close: 'Close',
  volume: 'Volume',
  price: 'Price',
  bid: 'Bid',
  ask: 'Ask',
};

let zones: string[] | undefined;

/** Every IANA zone the browser knows, UTC first (Chromium's list leaves UTC out). */
export function timeZones(): string[] {
  if (!zones) {
    let all: string[] = [];
    try {
      all = Intl.supportedValuesOf('timeZone');
    } catch {
      all = ['America/New_York', 'America/Chicago', 'Europe/London', 'Europe/Berlin', 'Europe/Istanbul', 'Asia/Tokyo'];
    }
    zones = ['UTC', ...all.filter((zone) => zone !== 'UTC')];
  }
  return zones;
}

export function confidenceColor(confidence: number): string {
  if (confidence >= 0.8) return 'green';
  return confidence >= 0.5 ? 'yellow' : 'red';
}
