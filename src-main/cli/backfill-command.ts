import type { BackfillRecord } from '../../src-shared/contract/backfill.contract.ts';
import { CCXT_EXCHANGES, ConnectionSettingsSchema, type ConnectionSettings } from '../../src-shared/domain/connection.ts';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import { createCore, type CoreInternals } from '../core.ts';
import { UsageError, type Output } from './cli-error.ts';
import { dataDirOption, parse, parseNumber, parseSeriesFlags, seriesFlags } from './options.ts';

export const BACKFILL_USAGE =
  'candlewick backfill --source S --symbol SYM --timeframe TF --from ISO [--to ISO] [--rest-url URL] [--ws-url URL] ' +
  '[--rate REQUESTS_PER_MINUTE] [--data-dir DIR] [--json]';

const flags = {
  ...dataDirOption,
  ...seriesFlags,
  'rest-url': { type: 'string' },
  'ws-url': { type: 'string' },
  rate: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const VENUES = [...CCXT_EXCHANGES, 'yahoo'] as const;

/**
 * Fetches the missing bars of a range from a connection (a saved one by name or id, or a venue:
 * binance, coinbase, kraken, bybit, okx, yahoo). Progress goes to stderr; Ctrl-C stops at a
 * checkpoint, and running the same command again resumes there.
 */
export async function backfillCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, flags);
  if (!values.source) throw new UsageError(`--source is required: a connection's name or id, or one of ${VENUES.join(', ')}`);
  const { symbol, timeframe, from, to } = parseSeriesFlags(values);
  if (from === undefined) throw new UsageError('--from is required (an ISO date such as 2024-01-01)');
  if (values.limit !== undefined) throw new UsageError('--limit does not apply to a backfill; use --from and --to');
  const rate = parseNumber(values.rate, '--rate');
  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, poolSize: 1, seedDemo: false });
  const stopOnSignal = (): void => {
    io.err('\nStopping at the next checkpoint…\n');
    for (const r of core.services.backfills.list(20)) if (r.state === 'running') core.services.backfills.cancel(r.backfillId);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const connectionId = resolveConnection(core, values.source, { rest: values['rest-url'], ws: values['ws-url'] }, rate);
    const started = core.services.backfills.start({ connectionId, symbol, timeframe, from, to });
    if (started.cursor > started.from) io.err(`Resuming backfill ${started.backfillId} from its checkpoint ${new Date(started.cursor).toISOString()}\n`);
    const stopProgress = showProgress(core, started.jobId, io, values.json === true);
    const record = await core.services.backfills.finished(started.backfillId);
    stopProgress();
    io.out(values.json ? `${JSON.stringify(record)}\n` : summary(record));
    if (record.state === 'done') return 0;
    if (record.state === 'cancelled') return 130;
    return 1;
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await core.close();
  }
}

/** A saved connection by id or name, or the workspace's connection to a venue (created on first use). */
function resolveConnection(core: CoreInternals, source: string, urls: { rest?: string | undefined; ws?: string | undefined }, rate: number | undefined): string {
  const all = core.services.connections.list();
  const saved = all.find((c) => c.id === source || c.settings.name.toLowerCase() === source.toLowerCase());
  if (saved) return saved.id;
  const venue = source.toLowerCase();
  if (!(VENUES as readonly string[]).includes(venue)) {
    const names = all.map((c) => c.settings.name);
    throw new UsageError(`--source "${source}" is neither a saved connection${names.length ? ` (${names.join(', ')})` : ''} nor a venue (${VENUES.join(', ')})`);
  }
  const wanted = { ...(urls.rest ? { rest: urls.rest } : {}), ...(urls.ws ? { ws: urls.ws } : {}) };
  const parsed = ConnectionSettingsSchema.safeParse({
    name: `${venue[0]!.toUpperCase()}${venue.slice(1)}${urls.rest ? ` @ ${new URL(urls.rest).host}` : ''}`,
    kind: venue === 'yahoo' ? 'yahoo' : 'ccxt',
    ...(venue === 'yahoo' ? {} : { exchange: venue }),
    urls: wanted,
    ...(rate !== undefined ? { requestsPerMinute: rate } : {}),
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const settings: ConnectionSettings = parsed.data;
  const same = all.find((c) => c.settings.kind === settings.kind && c.settings.exchange === settings.exchange && c.settings.urls.rest === settings.urls.rest && c.settings.urls.ws === settings.urls.ws);
  if (same) return same.id;
  return core.services.connections.save(undefined, settings, undefined).id;
}

function showProgress(core: CoreInternals, jobId: string | null, io: Output, quiet: boolean): () => void {
  if (quiet || jobId === null) return () => undefined;
  const startedAt = Date.now();
  let lastLine = 0;
  const tty = process.stderr.isTTY === true;
  return core.onEvent((event) => {
    if (event.name !== 'jobs.updated') return;
    const job = event.payload as JobRecord;
    if (job.id !== jobId || !job.progress) return;
    const now = Date.now();
    if (!tty && now - lastLine < 5_000 && job.progress.done < job.progress.total) return;
    lastLine = now;
    const { done, total, phase } = job.progress;
    const rate = done / Math.max(0.001, (now - startedAt) / 1000);
    const eta = rate > 0 && total > done ? ` · ETA ${clock((total - done) / rate)}` : '';
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
    io.err(`${tty ? '\r' : ''}${pct}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} bars · ${Math.round(rate).toLocaleString('en-US')} bars/s${eta} · ${phase}${tty ? '   ' : '\n'}`);
  });
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function summary(r: BackfillRecord): string {
  const head = r.state === 'done' ? 'Backfill done' : r.state === 'cancelled' ? 'Backfill stopped' : `Backfill ${r.state}`;
  const lines = [
    `${head}: ${r.symbol} ${r.timeframe} ${new Date(r.from).toISOString()} → ${new Date(r.to).toISOString()} (${r.backfillId})`,
    `  ${r.fetched.toLocaleString('en-US')} bars fetched in ${r.requests} requests (${r.retries} retried): ${r.inserted.toLocaleString('en-US')} new, ${r.updated} changed, ${r.unchanged} already stored`,
  ];
  if (r.state !== 'done') lines.push(`  checkpoint ${new Date(r.cursor).toISOString()}: run the same command again to resume there`);
  if (r.error) lines.push(`  error: ${r.error}`);
  return `${lines.join('\n')}\n`;
}
