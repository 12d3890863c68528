import type { EventMap, RequestMap } from './define.ts';
import { backtestEvents, backtestRequests } from './backtest.contract.ts';
import { portfolioEvents, portfolioRequests } from './portfolio.contract.ts';
import { optimizeEvents, optimizeRequests } from './optimize.contract.ts';
import { barRequests } from './bars.contract.ts';
import { chartEvents, chartRequests } from './chart.contract.ts';
import { indicatorEvents, indicatorRequests } from './indicators.contract.ts';
import { replayEvents, replayRequests } from './replay.contract.ts';
import { importRequests } from './import.contract.ts';
import { instrumentEvents, instrumentRequests } from './instruments.contract.ts';
import { jobEvents, jobRequests } from './jobs.contract.ts';
import { workspaceRequests } from './workspace.contract.ts';
import { connectionEvents, connectionRequests } from './connections.contract.ts';
import { liveEvents, liveRequests } from './live.contract.ts';
import { backfillEvents, backfillRequests } from './backfill.contract.ts';
import { qualityEvents, qualityRequests } from './quality.contract.ts';

/** Every request the core answers, on every transport. */
export const requests = {
  ...workspaceRequests,
  ...instrumentRequests,
  ...barRequests,
  ...importRequests,
  ...jobRequests,
  ...indicatorRequests,
  ...chartRequests,
  ...replayRequests,
  ...backtestRequests,
  ...portfolioRequests,
  ...optimizeRequests,
  ...connectionRequests,
  ...liveRequests,
  ...backfillRequests,
  ...qualityRequests,
} satisfies RequestMap;

/** Every event stream the core publishes. */
export const events = {
  ...instrumentEvents,
  ...jobEvents,
  ...indicatorEvents,
  ...chartEvents,
  ...replayEvents,
  ...backtestEvents,
  ...portfolioEvents,
  ...optimizeEvents,
  ...connectionEvents,
  ...liveEvents,
  ...backfillEvents,
  ...qualityEvents,
} satisfies EventMap;

export type Requests = typeof requests;
export type Events = typeof events;
export type Channel = keyof Requests & string;
export type EventName = keyof Events & string;

export * from './define.ts';
export * from './errors.ts';
