import type { Channel, EventName } from './index.ts';

/**
 * The contract's request and event names as plain strings, for code that must check a name
 * without loading the schemas (the Electron preload: a sandboxed script where every byte of zod
 * would be bundled in). Type-only imports, so nothing else comes along at run time.
 * The compiler keeps these lists equal to the contract: a name added to `requests` or `events`
 * and not here fails `tsc -b` below, naming what is missing.
 */
export const REQUEST_NAMES = [
  'workspace.info',
  'instruments.list',
  'instruments.remove',
  'bars.query',
  'import.preview',
  'import.start',
  'import.discard',
  'jobs.list',
  'jobs.cancel',
  'indicators.catalogue',
  'indicators.compute',
  'presets.list',
  'presets.save',
  'presets.remove',
  'layout.get',
  'layout.save',
  'watchlists.list',
  'watchlists.save',
  'watchlists.remove',
  'replay.start',
  'replay.control',
  'replay.stop',
  'backtest.strategies',
  'backtest.strategyProblems',
  'backtest.start',
  'backtest.rerun',
  'backtest.runs',
  'backtest.get',
  'backtest.analysis',
  'backtest.checkLookAhead',
  'backtest.remove',
  'portfolio.start',
  'portfolio.rerun',
  'portfolio.runs',
  'portfolio.get',
  'portfolio.remove',
  'optimize.validate',
  'optimize.start',
  'optimize.list',
  'optimize.get',
  'optimize.results',
  'optimize.resume',
  'optimize.remove',
  'connections.list',
  'connections.save',
  'connections.remove',
  'connections.test',
  'connections.connect',
  'connections.disconnect',
  'connections.log',
  'connections.markets',
  'live.subscribe',
  'live.unsubscribe',
  'live.list',
  'backfill.plan',
  'backfill.start',
  'backfill.resume',
  'backfill.list',
  'backfill.remove',
  'quality.report',
  'quality.quarantineErrors',
  'quality.decide',
  'quality.fillGaps',
  'quality.config',
  'quality.saveConfig',
] as const satisfies readonly Channel[];

export const EVENT_NAMES = [
  'instruments.changed',
  'jobs.updated',
  'presets.changed',
  'watchlists.changed',
  'bars.updated',
  'replay.changed',
  'backtest.runs.changed',
  'portfolio.runs.changed',
  'backtest.strategies.changed',
  'optimize.changed',
  'connections.status',
  'connections.log',
  'connections.changed',
  'live.changed',
  'backfill.changed',
  'quality.changed',
] as const satisfies readonly EventName[];

type Complete<All extends string, Listed extends string> = [Exclude<All, Listed>] extends [never]
  ? true
  : { missingFromNamesTs: Exclude<All, Listed> };
type AssertTrue<T extends true> = T;

export type RequestNamesAreComplete = AssertTrue<Complete<Channel, (typeof REQUEST_NAMES)[number]>>;
export type EventNamesAreComplete = AssertTrue<Complete<EventName, (typeof EVENT_NAMES)[number]>>;
