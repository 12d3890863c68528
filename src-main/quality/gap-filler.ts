import { expectedBars, getCalendar } from '../../src-shared/calendar/index.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';
import { timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { countInRanges, missingRanges, pageWindows } from '../../src-workers/backfill/missing-ranges.ts';
import type { ConnectionService } from '../market-data/connection-service.ts';
import { instrumentSpecFor } from '../market-data/instrument-for.ts';
import { describeError } from '../market-data/source-factory.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import type { BarStore } from '../storage/bar-store.ts';
import type { BarIngest } from './bar-ingest.ts';
import { calendarIdOf } from '../market-data/calendar-of.ts';

export interface FillResult {
  filled: number;
  stillMissing: number;
  sources: string[];
}

/**
 * Fills a series' missing bars from other connections, lowest `priority` first (SPEC S9). A
 * secondary source only adds bars that are missing — it never overwrites (the 'fill' policy) —
 * and every bar it adds is in the audit trail with the connection it came from.
 */
export class GapFiller {
  constructor(
    private readonly connections: ConnectionService,
    private readonly instruments: InstrumentRepo,
    private readonly store: BarStore,
    private readonly ingest: BarIngest,
    private readonly bus: EventBus,
  ) {}

  async fill(instrumentId: number, timeframe: Timeframe, only?: string): Promise<FillResult> {
    const instrument = this.instruments.get(instrumentId);
    if (!instrument) throw new AppFailure('NOT_FOUND', `No instrument ${instrumentId}`);
    const period = timeframeMs(timeframe);
    if (period === null) throw new AppFailure('VALIDATION_FAILED', `Gaps of ${timeframe} bars cannot be filled: not a fixed-length timeframe`);
    const candidates = this.connections
      .list()
      .filter((c) => (only ? c.id === only : !this.isHome(c.settings, instrument)))
      .sort((a, b) => a.settings.priority - b.settings.priority);
    if (candidates.length === 0) throw new AppFailure('NOT_FOUND', only ? `No connection ${only}` : 'No other connection to fill gaps from: add one on the Connections page');
    const sources: string[] = [];
    let filled = 0;
    for (const c of candidates) {
      const missing = this.missing(instrument, timeframe, period);
      if (missing.ranges.length === 0) break;
      const symbol = symbolAt(c.settings.kind, instrument);
      try {
        const { supervisor, source } = this.connections.use(c.id);
        let added = 0;
        for (const page of pageWindows(missing.ranges, period, source.pageLimit)) {
          const bars = await supervisor.call(`fill ${symbol} ${timeframe}`, (signal) => source.history({ symbol, timeframe, from: page.from, to: page.to }, signal), { retries: 2 });
          added += this.ingest.write(instrumentId, timeframe, bars, `fill:${c.settings.name}`, 'fill').inserted;
        }
        filled += added;
        if (added > 0) sources.push(c.settings.name);
      } catch (error) {
        this.connections.note(c.id, 'warn', `Could not fill gaps of ${instrument.symbol} ${timeframe}: ${describeError(error)}`);
      }
    }
    if (filled > 0) {
      this.bus.emit('quality.changed', { instrumentId, timeframe });
      this.bus.emit('instruments.changed', { instrumentIds: [instrumentId] });
    }
    return { filled, stillMissing: this.missing(instrument, timeframe, period).count, sources };
  }

  private missing(instrument: Instrument, timeframe: Timeframe, period: number): { ranges: ReturnType<typeof missingRanges>; count: number } {
    const stored = this.store.read(instrument.id, timeframe).time;
    if (stored.length === 0) return { ranges: [], count: 0 };
    const expected = expectedBars(getCalendar(calendarIdOf(instrument)), timeframe, stored[0]!, stored[stored.length - 1]! + period).times;
    const ranges = missingRanges(stored, expected, period);
    return { ranges, count: countInRanges(expected, ranges) };
  }

  /** The connection the instrument's bars come from is not a secondary source for it. */
  private isHome(settings: Parameters<typeof instrumentSpecFor>[0], instrument: Instrument): boolean {
    const spec = instrumentSpecFor(settings, instrument.symbol);
    return spec.source === instrument.source && spec.venue === instrument.venue;
  }
}

/** The same market under another venue's spelling: `BTC/USDT` at an exchange is `BTC-USD` at Yahoo. */
function symbolAt(kind: string, instrument: Instrument): string {
  if (kind === 'yahoo' && instrument.symbol.includes('/')) {
    const [base, quote] = instrument.symbol.split('/');
    return `${base}-${quote === 'USDT' || quote === 'USDC' ? 'USD' : quote}`;
  }
  return instrument.symbol;
}
