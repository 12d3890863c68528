import { sqliteVersion } from '../storage/database.ts';
import type { Handlers } from '../../src-shared/contract/define.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { Requests } from '../../src-shared/contract/index.ts';
import type { barRequests } from '../../src-shared/contract/bars.contract.ts';
import type { importRequests } from '../../src-shared/contract/import.contract.ts';
import type { instrumentRequests } from '../../src-shared/contract/instruments.contract.ts';
import type { jobRequests } from '../../src-shared/contract/jobs.contract.ts';
import type { workspaceRequests } from '../../src-shared/contract/workspace.contract.ts';
import { backtestHandlers } from '../backtest/backtest.handlers.ts';
import type { BacktestService } from '../backtest/backtest-service.ts';
import { portfolioHandlers } from '../backtest/portfolio.handlers.ts';
import { optimizeHandlers } from '../optimize/optimize.handlers.ts';
import { marketDataHandlers, type MarketDataServices } from '../market-data/market-data.handlers.ts';
import type { OptimizeService } from '../optimize/optimize-service.ts';
import type { PortfolioService } from '../backtest/portfolio-service.ts';
import { chartHandlers } from '../chart/chart.handlers.ts';
import type { ChartRepo } from '../chart/chart-repo.ts';
import { indicatorHandlers } from '../indicators/indicator.handlers.ts';
import type { IndicatorService } from '../indicators/indicator-service.ts';
import { replayHandlers } from '../replay/replay.handlers.ts';
import type { ReplayManager } from '../replay/replay-manager.ts';
import type { ImportService } from '../import/import-service.ts';
import type { JobManager } from '../jobs/job-manager.ts';
import type { Workspace } from '../storage/database.ts';
import type { BarService } from '../services/bar-service.ts';
import { isDemoOnly } from '../services/demo-seed.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import { APP_VERSION } from '../version.ts';

export interface Services extends MarketDataServices {
  readonly workspace: Workspace;
  readonly dataDir: string;
  readonly instruments: InstrumentRepo;
  readonly bars: BarService;
  readonly imports: ImportService;
  readonly jobs: JobManager;
  readonly bus: EventBus;
  readonly indicators: IndicatorService;
  readonly charts: ChartRepo;
  readonly replays: ReplayManager;
  readonly backtests: BacktestService;
  readonly portfolios: PortfolioService;
  readonly optimizations: OptimizeService;
}

/** One handler per contract request; a missing one does not compile. */
export function createHandlers(s: Services): Handlers<Requests> {
  return { ...coreHandlers(s), ...indicatorHandlers(s), ...chartHandlers(s), ...replayHandlers(s), ...backtestHandlers(s), ...portfolioHandlers(s), ...optimizeHandlers(s), ...marketDataHandlers(s) };
}

type CoreRequests = typeof workspaceRequests &
  typeof instrumentRequests &
  typeof barRequests &
  typeof importRequests &
  typeof jobRequests;

function coreHandlers(s: Services): Handlers<CoreRequests> {
  return {
    'workspace.info': () => ({
      appVersion: APP_VERSION,
      schemaVersion: s.workspace.schemaVersion,
      dataDir: s.dataDir,
      dbFile: s.workspace.file,
      sqliteVersion: sqliteVersion(s.workspace.sqlite),
      demoOnly: isDemoOnly(s.instruments),
    }),
    'instruments.list': () => s.instruments.list(),
    'instruments.remove': ({ instrumentId }) => {
      const instrument = s.instruments.get(instrumentId);
      if (!instrument) throw new AppFailure('NOT_FOUND', `No instrument with id ${instrumentId}`);
      const removedBars = instrument.series.reduce((sum, series) => sum + series.count, 0);
      const watchlists = s.charts.watchlistIdsWith(instrumentId);
      s.instruments.remove(instrumentId);
      s.bus.emit('instruments.changed', { instrumentIds: [instrumentId] });
      // The database drops it from watchlists (cascade); tell their viewers.
      if (watchlists.length > 0) s.bus.emit('watchlists.changed', { ids: watchlists });
      return { removedBars };
    },
    'bars.query': ({ instrumentId, timeframe, from, to, limit }) => {
      const { bars, resampledFrom } = s.bars.query(instrumentId, timeframe, { from, to, limit });
      return { instrumentId, timeframe, resampledFrom, bars };
    },
    'import.preview': ({ fileName, data }) => s.imports.preview(fileName, data),
    'import.start': ({ stagedId, options, instrument }) => s.imports.startStaged(stagedId, options, instrument),
    'import.discard': ({ stagedId }) => ({ discarded: s.imports.discard(stagedId) }),
    'jobs.list': ({ limit }) => s.jobs.list(limit),
    'jobs.cancel': ({ jobId }) => {
      if (!s.jobs.get(jobId)) throw new AppFailure('NOT_FOUND', `No job ${jobId}`);
      return { cancelled: s.jobs.cancel(jobId) };
    },
  };
}
