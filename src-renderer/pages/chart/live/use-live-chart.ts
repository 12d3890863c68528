import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveSubscription } from '../../../../src-shared/contract/live.contract.ts';
import type { BarUpdate } from '../../../../src-shared/domain/chart.ts';
import type { ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { useClient, useEvent, useQuery } from '../../../client/hooks.ts';
import { useConnections } from '../../connections/status/use-connections.ts';
import type { ChartEngine } from '../controller/use-chart-engine.ts';
import type { IndicatorRequest } from '../data/chart-session.ts';
import { animationFrames } from '../data/update-coalescer.ts';
import { liveBadge, subscriptionFor, type LiveBadgeView } from './live-badge.ts';
import { LiveFeed } from './live-feed.ts';
import { closedRange, patchIndicatorValues } from './live-indicators.ts';

export interface LiveChart {
  /** The subscription streaming the chart's instrument, if any. */
  readonly subscription: LiveSubscription | null;
  readonly badge: LiveBadgeView | null;
  /** The user's choice: the chart follows the stream (on by default). */
  readonly following: boolean;
  setFollowing(on: boolean): void;
  /** Connections a new live symbol can stream from. */
  readonly connections: readonly ConnectionSummary[];
  /** Streams a symbol at the chart's timeframe; its instrument may be another than the chart's. */
  start(connectionId: string, symbol: string): Promise<LiveSubscription>;
}

/**
 * The chart follows a live subscription of the instrument it shows: `bars.updated` of the
 * subscription's stream replace the forming bar and append closed ones; closed bars then get
 * their indicator values from the core. Off during a replay and when the user pauses it.
 */
export function useLiveChart(
  engine: ChartEngine | null,
  instrument: Instrument | undefined,
  timeframe: Timeframe | null,
  indicators: readonly IndicatorRequest[],
  replaying: boolean,
): LiveChart {
  const client = useClient();
  const liveQ = useQuery('live.list', {}, { refetchOn: ['live.changed'] });
  const { list, statuses } = useConnections();
  const subscription = subscriptionFor(liveQ.data, instrument?.id);
  const subscriptionId = subscription?.subscriptionId ?? null;
  const [paused, setPaused] = useState<string | null>(null);
  const following = subscriptionId !== null && paused !== subscriptionId;
  const streams = subscription !== null && timeframe !== null && subscription.timeframes.includes(timeframe);
  const active = engine !== null && instrument !== undefined && timeframe !== null && following && streams && !replaying;
  const indicatorsRef = useRef(indicators);
  indicatorsRef.current = indicators;
  const feed = useRef<LiveFeed | null>(null);
  const instrumentId = instrument?.id;

  useEffect(() => {
    if (!active || !engine || subscriptionId === null || instrumentId === undefined || timeframe === null) return;
    const session = engine.session;
    let disposed = false;
    const fillIndicators = async (updates: readonly BarUpdate[]) => {
      const range = closedRange(updates);
      const wanted = indicatorsRef.current;
      if (!range || wanted.length === 0) return;
      try {
        const computed = await client.call('indicators.compute', { instrumentId, timeframe, ...range, indicators: [...wanted] });
        if (disposed) return;
        for (const key of patchIndicatorValues(session.window, computed)) engine.controller.refreshIndicator(key);
      } catch {
        // The client showed why; the closed bar keeps a hole in its indicators until the next reload.
      }
    };
    const live = new LiveFeed(
      subscriptionId,
      instrumentId,
      timeframe,
      {
        get loading() {
          return session.status.loading;
        },
        get atEnd() {
          return session.window.atEnd;
        },
        apply: (updates) => {
          session.applyUpdates(updates);
          void fillIndicators(updates);
        },
        resync: () => void session.jumpToEnd(),
      },
      animationFrames,
    );
    feed.current = live;
    const offStatus = session.onStatus((status) => status.loading || live.loaded());
    return () => {
      disposed = true;
      offStatus();
      live.dispose();
      if (feed.current === live) feed.current = null;
    };
  }, [active, engine, client, subscriptionId, instrumentId, timeframe]);

  useEvent('bars.updated', (update) => feed.current?.push(update));

  const start = useCallback(
    (connectionId: string, symbol: string) => client.call('live.subscribe', { connectionId, symbol, timeframes: timeframe ? [timeframe] : undefined }),
    [client, timeframe],
  );
  const connectionName = list?.find((c) => c.id === subscription?.connectionId)?.settings.name ?? subscription?.connectionId ?? '';
  const badge = subscription && timeframe ? liveBadge(subscription, statuses.get(subscription.connectionId), timeframe, following, connectionName) : null;
  return {
    subscription,
    badge,
    following,
    setFollowing: (on) => setPaused(on ? null : subscriptionId),
    connections: list ?? [],
    start,
  };
}
