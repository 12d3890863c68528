import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { ClientSession, type SessionHost } from './client-session.ts';
import type { TwsContext } from './context.ts';
import { handleControl } from './control.ts';
import { dispatch, NEEDS_FARMS } from './dispatch.ts';
import { TwsFaults, type FaultTarget } from './faults.ts';
import { defaultInstruments } from './instruments.ts';
import { HistoricalPacing } from './pacing.ts';
import { errorMessage } from './messages.ts';
import { MAX_SUPPORTED_VERSION, MIN_SUPPORTED_VERSION } from './protocol.ts';
import { StatsRecorder, type TwsStats } from './stats.ts';
import { StreamHub } from './streams.ts';
import type { FakeTws, FakeTwsOptions } from './server-types.ts';

export type { FakeTws, FakeTwsOptions } from './server-types.ts';

/** Starts a fake TWS / IB Gateway on 127.0.0.1 that real TWS API clients connect to. */
export async function startFakeTws(options: FakeTwsOptions = {}): Promise<FakeTws> {
  const now = options.now ?? Date.now;
  const serverVersion = options.serverVersion ?? MAX_SUPPORTED_VERSION;
  if (!Number.isInteger(serverVersion) || serverVersion < MIN_SUPPORTED_VERSION || serverVersion > MAX_SUPPORTED_VERSION) {
    throw new Error(`serverVersion must be an integer in ${MIN_SUPPORTED_VERSION}..${MAX_SUPPORTED_VERSION}, got ${serverVersion}`);
  }
  const origin = typeof options.origin === 'string' ? Date.parse(options.origin) : options.origin ?? Date.UTC(2015, 0, 1);
  if (!Number.isFinite(origin)) throw new Error(`origin is not a time: ${String(options.origin)}`);
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.warn(line));
  const sessions = new Set<ClientSession>();
  const stats = new StatsRecorder();
  const pacing = new HistoricalPacing(options.enforcePacing ?? true);
  let [stalled, lost] = [false, false];
  let heldWhileLost: Array<[ClientSession, string[]]> = [];
  const streams = new StreamHub({
    now, maxMarketDataLines: options.maxMarketDataLines ?? 100, maxTickByTick: options.maxTickByTick ?? 5,
    tickMs: options.streamTickMs ?? 100, isSilent: () => stalled,
  });
  const ctx: TwsContext = {
    now, origin, instruments: options.instruments ?? defaultInstruments(now()), pacing, streams, stats,
    accounts: options.accounts ?? 'DU1234567', maxOpenHistorical: options.maxOpenHistorical ?? 50,
  };
  let faults: TwsFaults;
  let server: Server;
  let port = options.port ?? 0;
  let relisten: ReturnType<typeof setTimeout> | undefined;

  const sessionHost: SessionHost = {
    serverMaxVersion: serverVersion, accounts: ctx.accounts, firstOrderId: options.firstOrderId ?? 1, now,
    isStalled: () => stalled,
    delayMs: () => faults.delayMs,
    takeMalformed: () => faults.takeMalformed(),
    clientIdInUse: (id, asker) => [...sessions].some((s) => s !== asker && s.started && s.clientId === id),
    refused: (reason) => {
      stats.refusedConnection();
      log(`fake TWS: connection refused: ${reason}`);
    },
    ended: (session) => {
      sessions.delete(session);
      streams.dropClient(session);
      heldWhileLost = heldWhileLost.filter(([s]) => s !== session);
    },
    dispatch: (session, fields) => {
      if (lost && NEEDS_FARMS.has(Number(fields[0]))) heldWhileLost.push([session, fields]);
      else dispatch(ctx, session, fields, log);
    },
    unreadable: (session, what) => {
      stats.unreadableMessage(what);
      log(`fake TWS: unreadable input from client ${session.clientId}: ${what}`);
    },
  };

  const target: FaultTarget = {
    dropAll: () => {
      const count = sessions.size;
      for (const s of [...sessions]) s.drop();
      return count;
    },
    broadcastNotice: (code, text) => {
      for (const s of sessions) if (s.started) s.send(errorMessage(s.version, -1, code, text));
    },
    setConnectivityLost: (isLost) => {
      lost = isLost;
      if (isLost) return streams.pause();
      streams.resume();
      const held = heldWhileLost;
      heldWhileLost = [];
      for (const [s, fields] of held) dispatch(ctx, s, fields, log);
    },
    forgetSubscriptions: () => void streams.forgetAll(),
    setStalled: (on) => {
      stalled = on;
      if (on) return;
      streams.skipToNow();
      for (const s of [...sessions]) s.resumeAfterStall();
    },
    refuseConnections: (seconds) => {
      if (relisten) clearTimeout(relisten);
      if (server.listening) server.close();
      relisten = setTimeout(() => {
        relisten = undefined;
        server.listen(port, host);
      }, seconds * 1000);
      relisten.unref();
    },
    forcePacingViolations: (count) => pacing.forceViolations(count),
    pacingViolationsPending: () => pacing.forcedRemaining,
  };
  faults = new TwsFaults(target);

  server = createServer((socket) => {
    sessions.add(new ClientSession(socket, sessionHost));
  });
  await listen(server, port, host);
  port = (server.address() as AddressInfo).port;
  // After a nightly reset the port is taken again; should that fail, say so rather than crash.
  server.on('error', (error) => log(`fake TWS: listening on ${host}:${port} failed: ${error.message}`));

  const snapshot = (): TwsStats => stats.snapshot(streams.stats(), [...sessions].filter((s) => s.started).map((s) => ({
    clientId: s.clientId, serverVersion: s.version, announced: s.announced, connectedAt: s.connectedAt, remotePort: s.remotePort,
  })));
  const resetStats = () => {
    stats.reset();
    streams.resetStats();
  };
  let control: HttpServer | null = null;
  let controlUrl: string | null = null;
  if (options.controlPort !== null) {
    control = createHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      void handleControl(req, res, url, { faults, stats: snapshot, resetStats });
    });
    await listen(control, options.controlPort ?? 0, host);
    controlUrl = `http://${host}:${(control.address() as AddressInfo).port}/__fake`;
  }

  return {
    host, port, controlUrl, serverVersion, origin, instruments: ctx.instruments, faults,
    instrument: (key) => {
      const found = ctx.instruments.find((i) => i.conId === key || i.localSymbol === key);
      if (!found) throw new Error(`the fake TWS lists no instrument ${JSON.stringify(key)}`);
      return found;
    },
    stats: snapshot,
    resetStats,
    pumpStreams: () => streams.pump(),
    close: async () => {
      if (relisten) clearTimeout(relisten);
      faults.dispose();
      streams.close();
      for (const s of [...sessions]) s.drop();
      await Promise.all([
        new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
        new Promise<void>((resolve) => (control ? (control.closeAllConnections(), control.close(() => resolve())) : resolve())),
      ]);
    },
  };
}

function listen(server: Server | HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
