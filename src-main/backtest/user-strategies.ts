import { createHash } from 'node:crypto';
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StrategyDescriptor } from '../../src-shared/contract/backtest.contract.ts';
import { STRATEGIES_FOLDER, type CompiledStrategy, type StrategyProblem } from '../../src-shared/domain/user-strategy.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import type { EventBus } from '../services/event-bus.ts';
import { compileStrategy } from './strategy-compiler.ts';
import { settleIds, whereExported } from './strategy-places.ts';

/** A user strategy that loaded: what the list shows, and what a worker runs. */
export interface UserStrategy {
  readonly descriptor: StrategyDescriptor;
  readonly compiled: CompiledStrategy;
  /** SHA-256 of the source text: a saved run's strategy hash. */
  readonly sourceHash: string;
}

export interface UserStrategySnapshot {
  readonly strategies: readonly UserStrategy[];
  readonly problems: readonly StrategyProblem[];
}

/** What one file gave: a strategy, or the problems that stop it. */
export interface FileOutcome {
  readonly strategy: UserStrategy | null;
  readonly problems: readonly StrategyProblem[];
  readonly source: string;
}

const EMPTY: UserStrategySnapshot = { strategies: [], problems: [] };
/** Editors save in bursts (write, rename, chmod): one re-scan after the burst. */
const RESCAN_DEBOUNCE_MS = 150;
/** Loading a strategy runs its top level; an endless loop there must not hold the list forever. */
const DESCRIBE_TIMEOUT_MS = 10_000;

export function strategiesFolder(workspaceDir: string): string {
  return join(workspaceDir, STRATEGIES_FOLDER);
}

/**
 * The `.ts` strategies in the workspace's strategies folder: compiled here, described (evaluated)
 * in a worker, cached by file and content, re-read when the folder changes. Lazy: nothing is read,
 * compiled or watched until the first call of {@link snapshot}, so commands that never look at
 * strategies pay nothing. Emits `backtest.strategies.changed` after a re-read that changed anything.
 */
export class UserStrategies {
  private readonly cache = new Map<string, Promise<FileOutcome>>();
  private latest: Promise<UserStrategySnapshot> | null = null;
  private queued: Promise<UserStrategySnapshot> | null = null;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private signature = signatureOf(EMPTY);
  private closed = false;

  /**
   * `workspaceDir` null for an in-memory workspace, which has no strategies folder;
   * `describeTimeoutMs` how long loading one file may take.
   */
  constructor(
    private readonly workspaceDir: string | null,
    private readonly builtInIds: ReadonlySet<string>,
    private readonly pool: WorkerPool,
    private readonly bus: EventBus,
    private readonly onBug: (error: unknown) => void,
    private readonly describeTimeoutMs = DESCRIBE_TIMEOUT_MS,
  ) {}

  /** The latest reading of the folder (waiting for one under way). */
  snapshot(): Promise<UserStrategySnapshot> {
    if (this.workspaceDir === null) return Promise.resolve(EMPTY);
    if (!this.latest) {
      this.watch(strategiesFolder(this.workspaceDir));
      return this.rescan();
    }
    return this.latest;
  }

  async find(id: string): Promise<UserStrategy | null> {
    return (await this.snapshot()).strategies.find((s) => s.descriptor.id === id) ?? null;
  }

  /** Reads the folder again after the current reading; requests made meanwhile share one reading. */
  rescan(): Promise<UserStrategySnapshot> {
    if (this.queued) return this.queued;
    const previous = this.latest ?? Promise.resolve(EMPTY);
    const next = previous.then(() => {
      this.queued = null;
      return this.scan();
    });
    this.queued = next;
    this.latest = next;
    return next;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
  }

  private async scan(): Promise<UserStrategySnapshot> {
    if (this.closed || this.workspaceDir === null) return EMPTY;
    try {
      const dir = strategiesFolder(this.workspaceDir);
      const names = await strategyFileNames(dir);
      const files = names.map((name) => `${STRATEGIES_FOLDER}/${name}`);
      this.forgetAllBut(files);
      const outcomes = await Promise.all(files.map((file, i) => this.load(file, join(dir, names[i]!))));
      const snapshot = settleIds(outcomes.filter((o): o is FileOutcome => o !== null), this.builtInIds);
      const signature = signatureOf(snapshot);
      if (signature !== this.signature && !this.closed) {
        this.signature = signature;
        this.bus.emit('backtest.strategies.changed', { strategyIds: snapshot.strategies.map((s) => s.descriptor.id), problems: snapshot.problems.length });
      }
      return snapshot;
    } catch (error) {
      this.onBug(error);
      return EMPTY;
    }
  }

  /** One file, from the cache when neither its name nor its text changed; null if it vanished. */
  private async load(file: string, path: string): Promise<FileOutcome | null> {
    let source: string;
    try {
      source = await readFile(path, 'utf8');
    } catch {
      return null;
    }
    const sourceHash = createHash('sha256').update(source).digest('hex');
    const key = `${file}\0${sourceHash}`;
    let outcome = this.cache.get(key);
    if (!outcome) {
      // One version per file is kept: the older one will not be asked for again.
      for (const old of this.cache.keys()) if (fileOfKey(old) === file) this.cache.delete(old);
      outcome = this.compileAndDescribe(file, source, sourceHash).catch((error: unknown) => {
        // The compiler or the pool failed, not the file: report it, and try again next time.
        this.cache.delete(key);
        if (!this.closed) this.onBug(error);
        const message = `could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        return { strategy: null, problems: [{ file, line: 1, column: 1, message }], source };
      });
      this.cache.set(key, outcome);
    }
    return outcome;
  }

  /** Drops the cached outcomes of files that are gone. */
  private forgetAllBut(files: readonly string[]): void {
    for (const key of this.cache.keys()) if (!files.includes(fileOfKey(key))) this.cache.delete(key);
  }

  private async compileAndDescribe(file: string, source: string, sourceHash: string): Promise<FileOutcome> {
    const compiledOutcome = await compileStrategy(file, source);
    if (!compiledOutcome.ok) return { strategy: null, problems: compiledOutcome.problems, source };
    const { compiled } = compiledOutcome;
    let described;
    try {
      described = await this.pool.run('strategy.describe', compiled, { signal: AbortSignal.timeout(this.describeTimeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
      if (!timedOut) throw error;
      const message = `loading took longer than ${this.describeTimeoutMs / 1000} s (an endless loop outside setup?)`;
      return { strategy: null, problems: [{ file, ...whereExported(source), message }], source };
    }
    if (!described.ok) {
      const { line, column, message } = described.problem;
      const at = line === null ? whereExported(source) : { line, column: column ?? 1 };
      return { strategy: null, problems: [{ file, ...at, message }], source };
    }
    const descriptor: StrategyDescriptor = { ...described.descriptor, origin: 'user', file };
    return { strategy: { descriptor, compiled, sourceHash }, problems: [], source };
  }

  private watch(dir: string): void {
    try {
      // Created so that a new user finds it, and so that there is something to watch.
      mkdirSync(dir, { recursive: true });
      this.watcher = watch(dir, () => this.scheduleRescan());
      this.watcher.on('error', () => {
        // The folder went away (deleted, unmounted): read it once more, and stop watching.
        this.watcher?.close();
        this.watcher = null;
        this.scheduleRescan();
      });
      this.watcher.unref();
    } catch (error) {
      this.onBug(error);
    }
  }

  private scheduleRescan(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.rescan();
    }, RESCAN_DEBOUNCE_MS);
    this.timer.unref();
  }
}

/** The `.ts` files of the folder (not declaration files), by name; none if it does not exist. */
async function strategyFileNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      // Symbolic links count: strategies may live in a repository of their own.
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function fileOfKey(key: string): string {
  return key.slice(0, key.indexOf('\0'));
}

function signatureOf(snapshot: UserStrategySnapshot): string {
  return JSON.stringify({ s: snapshot.strategies.map((s) => [s.descriptor.file, s.sourceHash, s.descriptor.id]), p: snapshot.problems });
}
