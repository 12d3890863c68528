import type Database from 'better-sqlite3';
import type { BackfillRecord } from '../../src-shared/contract/backfill.contract.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { pageWindows } from '../../src-workers/backfill/missing-ranges.ts';
import type { JobContext } from '../jobs/job-manager.ts';
import type { ConnectionService } from '../market-data/connection-service.ts';
import { describeError } from '../market-data/source-factory.ts';
import type { BarIngest } from '../quality/bar-ingest.ts';
import type { BackfillRepo, PageCounts } from './backfill-repo.ts';
import type { Layout } from './backfill-service.ts';

/** Retries per page; with backoff capped at the connection's maxMs this rides out minutes of trouble. */
const BACKFILL_RETRIES = 12;

export interface BackfillRunDeps {
  sqlite: Database.Database;
  repo: BackfillRepo;
  connections: ConnectionService;
  ingest: BarIngest;
  layout: (record: BackfillRecord) => Layout;
  onPage: (backfillId: string) => void;
  record: BackfillRecord & { instrumentId: number };
  ctx: JobContext;
}

/**
 * One backfill job: the missing ranges from the checkpoint on, page by page. Each page's bars and
 * the advanced checkpoint are written in one transaction, so a kill between two pages loses
 * nothing and repeats nothing.
 */
export async function runBackfill(d: BackfillRunDeps): Promise<{ backfillId: string; fetched: number; inserted: number }> {
  const { record, ctx, repo } = d;
  const { supervisor, source } = d.connections.use(record.connectionId);
  const layout = d.layout(record);
  const pages = pageWindows(layout.missing, layout.periodMs, source.pageLimit, record.cursor);
  const total = pages.reduce((n, p) => n + countBetween(layout.expected, p.from, p.to), 0);
  const source_ = `backfill:${record.connectionId}`;
  const storePage = d.sqlite.transaction((bars: BarColumns, cursor: number, add: Omit<PageCounts, 'inserted' | 'updated' | 'unchanged'>) => {
    const counts = d.ingest.write(record.instrumentId, record.timeframe, bars, source_, 'replace');
    repo.advance(record.backfillId, cursor, { ...add, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged }, Date.now());
    return counts;
  });
  let done = 0;
  let fetched = 0;
  let inserted = 0;
  ctx.progress(0, total, pages.length === 0 ? 'Nothing missing' : `Fetching ${total.toLocaleString('en-US')} bars`);
  try {
    for (const page of pages) {
      let from = page.from;
      while (from < page.to) {
        if (ctx.signal.aborted) throw new AppFailure('CANCELLED', 'Backfill cancelled');
        let attempts = 0;
        const bars = await supervisor.call(
          `history ${record.symbol} ${record.timeframe} from ${new Date(from).toISOString()}`,
          (signal) => {
            attempts++;
            return source.history({ symbol: record.symbol, timeframe: record.timeframe, from, to: page.to }, signal);
          },
          // A backfill outlasts storms: a venue's 429s and drops are waited out, not given up on after five.
          { signal: ctx.signal, retries: BACKFILL_RETRIES },
        );
        const n = bars.time.length;
        // A venue that capped the page below what was asked: continue after its last bar.
        const capped = n >= source.pageLimit && bars.time[n - 1]! + layout.periodMs < page.to;
        const next = capped ? bars.time[n - 1]! + layout.periodMs : page.to;
        const counts = storePage(bars, next, { fetched: n, requests: attempts, retries: attempts - 1 });
        fetched += n;
        inserted += counts.inserted;
        done += countBetween(layout.expected, from, next);
        from = next;
        ctx.progress(done, total, `Stored to ${new Date(next).toISOString().slice(0, 16).replace('T', ' ')}`);
        d.onPage(record.backfillId);
      }
    }
    repo.setState(record.backfillId, { state: 'done', error: null }, Date.now());
    return { backfillId: record.backfillId, fetched, inserted };
  } catch (error) {
    const cancelled = ctx.signal.aborted || (error instanceof AppFailure && error.code === 'CANCELLED');
    const message = cancelled ? null : describeError(error);
    repo.setState(record.backfillId, { state: cancelled ? 'cancelled' : 'failed', error: message }, Date.now());
    if (cancelled) throw new AppFailure('CANCELLED', 'Backfill cancelled; resume it to continue from its checkpoint');
    throw new AppFailure('SOURCE_FAILED', `Backfill of ${record.symbol} stopped at ${new Date(repo.get(record.backfillId)?.cursor ?? record.cursor).toISOString()}: ${message}`);
  }
}

/** Expected times in [from, to): two binary searches over the sorted list. */
function countBetween(expected: readonly number[], from: number, to: number): number {
  return lowerBound(expected, to) - lowerBound(expected, from);
}

function lowerBound(a: readonly number[], t: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
