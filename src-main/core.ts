import { requests } from '../src-shared/contract/index.ts';
import { createRouter } from '../src-shared/contract/router.ts';
import type { Core, CoreOptions } from './core-api.ts';
import { ChartRepo } from './chart/chart-repo.ts';
import { createHandlers } from './handlers/handlers.ts';
import { BacktestRepo } from './backtest/backtest-repo.ts';
import { BacktestService } from './backtest/backtest-service.ts';
import { PortfolioRepo } from './backtest/portfolio-repo.ts';
import { PortfolioService } from './backtest/portfolio-service.ts';
import { OptimizeRepo } from './optimize/optimize-repo.ts';
import { OptimizeService } from './optimize/optimize-service.ts';
import { seedExampleStrategy } from './backtest/example-strategy.ts';
import { UserStrategies } from './backtest/user-strategies.ts';
import { IndicatorService } from './indicators/indicator-service.ts';
import { ReplayManager } from './replay/replay-manager.ts';
import { ImportService } from './import/import-service.ts';
import { Staging } from './import/staging.ts';
import { JobManager } from './jobs/job-manager.ts';
import { JobRepo } from './jobs/job-repo.ts';
import { createWorkerPool, defaultPoolSize } from './jobs/worker-pool.ts';
import { logBug } from './log.ts';
import { BarService } from './services/bar-service.ts';
import { seedDemoWorkspace } from './services/demo-seed.ts';
import { EventBus } from './services/event-bus.ts';
import { InstrumentRepo } from './services/instrument-repo.ts';
import { BarStore } from './storage/bar-store.ts';
import { openWorkspace } from './storage/database.ts';
import { BUILT_IN_STRATEGIES } from '../src-workers/backtest/strategies/index.ts';
import { BackfillRepo } from './backfill/backfill-repo.ts';
import { BackfillService } from './backfill/backfill-service.ts';
import { RateLimiterRegistry } from './connections/rate-limiter.ts';
import { systemClock } from './connections/clock.ts';
import { LiveService } from './live/live-service.ts';
import { ConnectionRepo } from './market-data/connection-repo.ts';
import { ConnectionService } from './market-data/connection-service.ts';
import { realSources } from './market-data/source-factory.ts';
import { BarIngest } from './quality/bar-ingest.ts';
import { GapFiller } from './quality/gap-filler.ts';
import { QualityRepo } from './quality/quality-repo.ts';
import { QualityService } from './quality/quality-service.ts';
import { headlessKeyProvider } from './secrets/key-providers.ts';
import { openSecretStore, type SecretStore } from './secrets/secret-store.ts';
import { UnavailableSecretStore } from './secrets/unavailable-secret-store.ts';

export interface CoreInternals extends Core {
  readonly services: ReturnType<typeof wire>;
}

function wire(options: CoreOptions, secrets: SecretStore) {
  const workspace = openWorkspace(options.dataDir, options.migrationsFolder);
  const bus = new EventBus();
  const store = new BarStore(workspace.sqlite);
  const instruments = new InstrumentRepo(workspace.db);
  const pool = createWorkerPool(options.workerFile, options.poolSize ?? defaultPoolSize());
  const jobs = new JobManager(new JobRepo(workspace.db), (record) => bus.emit('jobs.updated', record), pool.size, (e) =>
    logBug('job', e),
  );
  const bars = new BarService(store, instruments);
  const imports = new ImportService(workspace, store, instruments, jobs, pool, new Staging(), bus);
  const indicators = new IndicatorService(bars, instruments, pool, jobs);
  const charts = new ChartRepo(workspace.db);
  const replays = new ReplayManager(bars, bus);
  const workspaceDir = options.dataDir === ':memory:' ? null : options.dataDir;
  const userStrategies = new UserStrategies(workspaceDir, new Set(BUILT_IN_STRATEGIES.map((s) => s.id)), pool, bus, (e) => logBug('strategies', e));
  const backtests = new BacktestService(bars, instruments, pool, jobs, new BacktestRepo(workspace.db), bus, userStrategies);
  const portfolios = new PortfolioService(bars, instruments, pool, jobs, new PortfolioRepo(workspace.db), bus);
  const optimizations = new OptimizeService(bars, instruments, pool, jobs, new OptimizeRepo(workspace.db), bus, userStrategies);
  if (options.seedDemo !== false && seedDemoWorkspace(workspace, instruments, store) && workspaceDir !== null) seedExampleStrategy(workspaceDir);
  const connectionRepo = new ConnectionRepo(workspace.db);
  const connections = new ConnectionService(connectionRepo, secrets, options.sources ?? realSources, new RateLimiterRegistry(systemClock), bus);
  const qualityRepo = new QualityRepo(workspace.db);
  const ingest = new BarIngest(workspace.sqlite, store, qualityRepo);
  const live = new LiveService(connectionRepo, connections, instruments, ingest, bus);
  const backfills = new BackfillService(workspace.sqlite, new BackfillRepo(workspace.db), connections, instruments, store, ingest, jobs, bus);
  const quality = new QualityService(workspace.sqlite, qualityRepo, store, instruments, bus);
  const gapFiller = new GapFiller(connections, instruments, store, ingest, bus);
  return {
    workspace, bus, store, instruments, pool, jobs, bars, imports, indicators, charts, replays, userStrategies, backtests, portfolios, optimizations,
    connections, live, backfills, quality, gapFiller,
  };
}

/** The composition root of the core: storage, services, jobs and the router over the contract. */
export async function createCore(options: CoreOptions): Promise<CoreInternals> {
  const services = wire(options, await secretsOf(options));
  if (options.liveStreams) services.live.restore();
  const handlers = createHandlers({ ...services, dataDir: options.dataDir });
  const router = createRouter(requests, handlers, {
    validateOutput: options.validateOutput ?? false,
    onBug: (channel, error) => logBug(channel, error),
  });
  let closed = false;
  return {
    router,
    services,
    dataDir: options.dataDir,
    onEvent: (listener) => services.bus.on(listener),
    async close() {
      if (closed) return;
      closed = true;
      services.replays.shutdown();
      services.userStrategies.close();
      services.live.close();
      await services.jobs.shutdown();
      await services.connections.close();
      await services.pool.destroy();
      services.workspace.close();
    },
  };
}

/** The workspace's secrets; when they cannot be opened the app still starts, and says why keys are unavailable. */
async function secretsOf(options: CoreOptions): Promise<SecretStore> {
  try {
    return await openSecretStore(options.dataDir, options.keyProvider ?? headlessKeyProvider());
  } catch (error) {
    logBug('secrets', error);
    return new UnavailableSecretStore((error as Error).message);
  }
}
