import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, Requests } from '../../../../src-shared/contract/index.ts';
import type { ReplayState } from '../../../../src-shared/contract/replay.contract.ts';
import type { BarUpdate, ChartMarker } from '../../../../src-shared/domain/chart.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { useClient, useEvent } from '../../../client/hooks.ts';
import type { ChartEngine } from '../controller/use-chart-engine.ts';
import type { IndicatorRequest } from '../data/chart-session.ts';
import { endMarker, startMarker } from './replay-markers.ts';
import { animationFrames, FrameCoalescer, UpdateCoalescer, type CoalescedBatch } from '../data/update-coalescer.ts';

export interface ReplayOptions {
  readonly from: number;
  readonly speed: number;
  readonly microCandles: boolean;
}

export interface Replay {
  /** The replay running on this chart, null when none. */
  readonly state: ReplayState | null;
  readonly starting: boolean;
  /** Replay start and end, as markers on the price series. */
  readonly markers: readonly ChartMarker[];
  start(options: ReplayOptions): Promise<void>;
  togglePlay(): void;
  step(): void;
  seek(time: number): void;
  setSpeed(speed: number): void;
  setMicroCandles(on: boolean): void;
  stop(): Promise<void>;
}


/**
 * Bar replay on one chart: history up to the start is loaded at once, then `bars.updated` of the
 * replay's stream are coalesced and drawn once per animation frame. A seek (or a missed update)
 * reloads the history up to the replay's current time.
 */
export function useReplay(
  engine: ChartEngine | null,
  target: { instrumentId: number; timeframe: Timeframe } | null,
  indicators: readonly IndicatorRequest[],
): Replay {
  const client = useClient();
  const [state, setState] = useState<ReplayState | null>(null);
  const [starting, setStarting] = useState(false);
  const [markers, setMarkers] = useState<ChartMarker[]>([]);
  const stateRef = useRef<ReplayState | null>(null);
  stateRef.current = state;
  /** Time of the last closed bar received on the stream (applied or about to be). */
  const lastClosed = useRef<number | null>(null);
  const resyncing = useRef(false);
  const engineRef = useRef(engine);
  engineRef.current = engine;

  /** Updates that arrive while the history reloads; applied once it is drawn. */
  const held = useRef<BarUpdate[]>([]);
  const coalescer = useRef<FrameCoalescer | null>(null);

  const resync = useCallback(async (time: number) => {
    const session = engineRef.current?.session;
    if (!session || resyncing.current) return;
    resyncing.current = true;
    coalescer.current?.reset();
    held.current = [];
    try {
      await session.enterLive(time);
    } finally {
      resyncing.current = false;
      let closed = session.window.lastTime;
      const pending = new UpdateCoalescer();
      for (const u of held.current) {
        pending.push(u);
        if (u.closed && (closed === null || u.time > closed)) closed = u.time;
      }
      held.current = [];
      session.applyUpdates(pending.drain().updates);
      lastClosed.current = closed;
    }
  }, []);

  coalescer.current ??= new FrameCoalescer((batch: CoalescedBatch) => {
    engineRef.current?.session.applyUpdates(batch.updates);
    const last = batch.updates.at(-1);
    if (batch.missed > 0 && last) void resync(last.time);
  }, animationFrames);

  useEvent('bars.updated', (update) => {
    if (update.streamId !== stateRef.current?.replayId) return;
    if (update.closed) lastClosed.current = update.time;
    if (resyncing.current) held.current.push(update);
    else coalescer.current!.push(update);
  });

  useEvent('replay.changed', (next) => {
    const current = stateRef.current;
    if (!current || next.replayId !== current.replayId) return;
    if (next.state === 'stopped') {
      setState(null);
      void engineRef.current?.session.leaveLive();
      return;
    }
    setState(next);
    if (next.state === 'ended' && current.state !== 'ended' && next.currentTime !== null) {
      setMarkers((m) => [...m.filter((x) => x.text !== endMarker(0).text), endMarker(next.currentTime!)]);
    }
    // A seek (ours or another window's) moved the replay: reload what it has revealed.
    if (next.currentTime !== null && lastClosed.current !== null && next.currentTime !== lastClosed.current) {
      coalescer.current!.flush();
      void resync(next.currentTime);
    }
  });

  const start = useCallback(
    async (options: ReplayOptions) => {
      const session = engineRef.current?.session;
      if (!session || !target) return;
      if (stateRef.current) await client.call('replay.stop', { replayId: stateRef.current.replayId }).catch(() => undefined);
      setStarting(true);
      coalescer.current!.reset();
      lastClosed.current = null;
      try {
        const started = await client.call('replay.start', {
          instrumentId: target.instrumentId,
          timeframe: target.timeframe,
          from: options.from,
          speed: options.speed,
          microCandles: options.microCandles,
          paused: true,
          // Updates carry chart-timeframe indicators only; the others keep their history values.
          indicators: indicators.filter((i) => !i.config.timeframe),
        });
        stateRef.current = started;
        setState(started);
        const historyEnd = started.currentTime ?? options.from;
        await session.enterLive(historyEnd);
        lastClosed.current = session.window.lastTime;
        setMarkers([startMarker(session.window.lastTime ?? historyEnd)]);
        const playing = await client.call('replay.control', { replayId: started.replayId, action: 'play' });
        setState(playing);
      } catch {
        // The notification says why; the chart stays as it was.
      } finally {
        setStarting(false);
      }
    },
    [client, target, indicators],
  );

  const control = useCallback(
    (input: Omit<InputOf<Requests['replay.control']>, 'replayId'>) => {
      const current = stateRef.current;
      if (!current) return;
      client.call('replay.control', { ...input, replayId: current.replayId }).then(setState, () => undefined);
    },
    [client],
  );

  const stop = useCallback(async () => {
    const current = stateRef.current;
    if (!current) return;
    stateRef.current = null;
    setState(null);
    coalescer.current!.reset();
    await client.call('replay.stop', { replayId: current.replayId }).catch(() => undefined);
    await engineRef.current?.session.leaveLive();
  }, [client]);

  // The chart's indicators changed during a replay: the updates carry the new set.
  const indicatorKey = JSON.stringify(indicators);
  useEffect(() => {
    const current = stateRef.current;
    if (!current) return;
    control({ action: 'indicators', indicators: indicators.filter((i) => !i.config.timeframe) });
    // `indicatorKey` stands for the list's content
  }, [indicatorKey, control]);

  // Leaving the page stops the replay.
  useEffect(
    () => () => {
      const current = stateRef.current;
      coalescer.current!.reset();
      if (current) void client.call('replay.stop', { replayId: current.replayId }).catch(() => undefined);
    },
    [client],
  );

  return {
    state,
    starting,
    markers,
    start,
    togglePlay: () => {
      const s = stateRef.current;
      if (s) control({ action: s.state === 'playing' ? 'pause' : 'play' });
    },
    step: () => control({ action: 'step' }),
    seek: (time) => control({ action: 'seek', time }),
    setSpeed: (speed) => control({ action: 'speed', speed }),
    setMicroCandles: (on) => {
      const s = stateRef.current;
      // The intrabar model is chosen at start: restart from where the replay stands.
      if (s && s.currentTime !== null && on !== s.microCandles) void start({ from: s.currentTime, speed: s.speed, microCandles: on });
    },
    stop,
  };
}

