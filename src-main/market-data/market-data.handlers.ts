import type { Handlers } from '../../src-shared/contract/define.ts';
import type { backfillRequests } from '../../src-shared/contract/backfill.contract.ts';
import type { connectionRequests } from '../../src-shared/contract/connections.contract.ts';
import type { liveRequests } from '../../src-shared/contract/live.contract.ts';
import type { qualityRequests } from '../../src-shared/contract/quality.contract.ts';
import type { BackfillService } from '../backfill/backfill-service.ts';
import type { LiveService } from '../live/live-service.ts';
import type { GapFiller } from '../quality/gap-filler.ts';
import type { QualityService } from '../quality/quality-service.ts';
import type { ConnectionService } from './connection-service.ts';

export interface MarketDataServices {
  readonly connections: ConnectionService;
  readonly live: LiveService;
  readonly backfills: BackfillService;
  readonly quality: QualityService;
  readonly gapFiller: GapFiller;
}

type MarketDataRequests = typeof connectionRequests & typeof liveRequests & typeof backfillRequests & typeof qualityRequests;

/** Connections, live symbols, backfills and data quality over the contract. */
export function marketDataHandlers(s: MarketDataServices): Handlers<MarketDataRequests> {
  return {
    'connections.list': () => s.connections.list(),
    'connections.save': (i) => s.connections.save(i.connectionId, i.settings, i.credentials),
    'connections.remove': async (i) => {
      s.backfills.interruptFor(i.connectionId);
      return { removed: await s.connections.remove(i.connectionId) };
    },
    'connections.test': (i) => s.connections.test(i.connectionId, i.settings, i.credentials),
    'connections.connect': (i) => s.connections.connect(i.connectionId),
    'connections.disconnect': (i) => s.connections.disconnect(i.connectionId),
    'connections.log': (i) => s.connections.logOf(i.connectionId, i.limit),
    'connections.markets': (i) => s.connections.markets(i.connectionId, i.search, i.limit),
    'live.subscribe': (i) => s.live.subscribe(i.connectionId, i.symbol, i.timeframes),
    'live.unsubscribe': (i) => ({ removed: s.live.unsubscribe(i.subscriptionId) }),
    'live.list': () => s.live.list(),
    'backfill.plan': (i) => s.backfills.plan(i),
    'backfill.start': (i) => s.backfills.start(i),
    'backfill.resume': (i) => s.backfills.resume(i.backfillId),
    'backfill.list': (i) => s.backfills.list(i.limit),
    'backfill.remove': (i) => ({ removed: s.backfills.remove(i.backfillId) }),
    'quality.report': (i) => s.quality.report(i.instrumentId, i.timeframe),
    'quality.quarantineErrors': (i) => ({ quarantined: s.quality.quarantineErrors(i.instrumentId, i.timeframe) }),
    'quality.decide': (i) => s.quality.decide(i.quarantineId, i.action),
    'quality.fillGaps': (i) => s.gapFiller.fill(i.instrumentId, i.timeframe, i.connectionId),
    'quality.config': () => s.quality.config(),
    'quality.saveConfig': (i) => s.quality.saveConfig(i.config),
  };
}
