import type { FormatId, ImportKind } from '../../src-shared/domain/import.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import type { ColumnGuess } from './detect-columns.ts';
import type { DateGuess } from './detect-dates.ts';
import type { Layout } from './detect-layout.ts';
import { normalizeName } from './header.ts';
import type { StepSummary } from './timeframe-guess.ts';

export interface FormatFacts {
  layout: Layout;
  guess: ColumnGuess;
  date: DateGuess;
  kind: ImportKind;
  steps: StepSummary;
  fieldCount: number;
}

export interface NamedFormat {
  format: FormatId;
  label: string;
  /** Confidence before ambiguities are taken into account. */
  confidence: number;
  /** The timeframe to propose: of the bars, or to aggregate ticks and quotes into. */
  timeframe: Timeframe;
  notes: string[];
}

const BACKTRADER = ['date,open,high,low,close,volume,openinterest', 'date,time,open,high,low,close,volume,openinterest'];
const STOOQ = 'date,open,high,low,close,volume';

function proposeTimeframe(facts: FormatFacts, notes: string[]): { timeframe: Timeframe; sure: boolean } {
  const { kind, steps, date, guess } = facts;
  if (kind === 'quotes') {
    notes.push('Bars are built from the mid price (bid + ask) / 2 with volume 0, in 1m bars unless you choose another timeframe; rows with the ask below the bid are rejected.');
    return { timeframe: '1m' as Timeframe, sure: true };
  }
  if (kind === 'ticks') {
    if (steps.regular && steps.timeframe) {
      notes.push(`Rows hold a single price at regular ${steps.timeframe} steps; each becomes a ${steps.timeframe} bar with open = high = low = close.`);
      return { timeframe: steps.timeframe, sure: true };
    }
    notes.push(
      'Rows are individual trades at irregular times; they are aggregated into 1m bars (open = first trade, high/low = extremes, close = last, volume = sum of sizes) unless you choose another timeframe.',
    );
    return { timeframe: '1m' as Timeframe, sure: true };
  }
  if (steps.timeframe) return { timeframe: steps.timeframe, sure: true };
  if (!date.hasClock && guess.mapping.time === undefined) return { timeframe: '1d' as Timeframe, sure: true };
  notes.push('The time steps between rows are irregular; 1m is assumed as the bar timeframe. Please check it.');
  return { timeframe: '1m' as Timeframe, sure: false };
}

/** Names the format the facts point at, with a label and a base confidence. */
export function nameFormat(facts: FormatFacts): NamedFormat {
  const { layout, guess, date, kind } = facts;
  const notes: string[] = [];
  const { timeframe, sure } = proposeTimeframe(facts, notes);
  const header = layout.header;
  const norm = header?.map(normalizeName) ?? [];
  const joined = norm.join(',');
  const named = (format: FormatId, label: string, confidence = 0.95): NamedFormat => ({
    format,
    label,
    confidence: sure ? confidence : Math.min(confidence, 0.6),
    timeframe,
    notes,
  });
  if (date.format === 'unix-us') notes.push('16-digit times are read as microseconds since the epoch (Binance spot dumps from 2025).');

  if (kind === 'quotes') return named('bidask', 'Bid/ask quotes, aggregated into bars of the mid price');
  if (kind === 'ticks') return named('ticks', 'Trades (ticks), aggregated into bars');
  if (norm.includes('adjclose')) return named('yahoo', timeframe === '1d' ? 'Yahoo Finance daily export' : 'Yahoo Finance export');
  if (header?.some((h) => h.trim().startsWith('<'))) {
    return date.format === 'ymd-dot' || norm.includes('tickvol')
      ? named('metatrader', 'MetaTrader 5 export (<DATE>,<TIME>,<OPEN>,…)')
      : named('stooq', 'Stooq export (<TICKER>,<PER>,<DATE>,<TIME>,…)');
  }
  if (guess.source === 'metatrader') return named('metatrader', 'MetaTrader history export');
  if (guess.source === 'binance' || norm[0] === 'opentime') return named('binance', 'Binance kline dump');
  if (header && header[guess.mapping.date]?.trim() === 'time' && ['unix-s', 'iso'].includes(date.format)) {
    return named('tradingview', 'TradingView chart export');
  }
  if (layout.delimiter === ',' && BACKTRADER.includes(joined)) return named('backtrader', 'backtrader-style CSV (…,Volume,OpenInterest)');
  if (layout.delimiter === ',' && joined === STOOQ) return named('stooq', 'Stooq daily export (Date,Open,High,Low,Close,Volume)');
  if (header) return named('generic', 'CSV with named columns', 0.9);
  return named('generic', 'Headerless CSV, columns assigned by position', 0.6);
}
