import type { Router } from '../src-shared/contract/router.ts';
import type { SourceFactory } from './market-data/source-factory.ts';
import type { KeyProvider } from './secrets/key-providers.ts';

/** A published event, already validated against the contract. */
export interface CoreEvent {
  readonly name: string;
  readonly payload: unknown;
}

/**
 * The core as the transports see it: one router for requests and one stream of events.
 * Built by `createCore` (src-main/core.ts); the Electron shell, the WebSocket server and the CLI
 * all hold one of these and nothing else.
 */
export interface Core {
  readonly router: Router;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Folder of the workspace; the SQLite file is `<dataDir>/workspace.sqlite`. */
  readonly dataDir: string;
  /** Worker threads for jobs; default cores − 1, at least 1. */
  readonly poolSize?: number;
  /** Compiled worker entry (the Electron build passes its bundled chunk); default: the TS source via tsx. */
  readonly workerFile?: string;
  /** Create the demo instruments when the workspace is new. Default true. */
  readonly seedDemo?: boolean;
  /** Folder of the SQL migrations; the Electron build ships them beside its bundle. */
  readonly migrationsFolder?: string;
  /** Check every handler's output against the contract (tests). */
  readonly validateOutput?: boolean;
  /** Where the secrets store's master key comes from: Electron's safeStorage in the shell; default the headless key file or CANDLEWICK_MASTER_KEY. */
  readonly keyProvider?: KeyProvider;
  /** Market-data sources (tests inject fakes of the venue, never of the source); default the real ones. */
  readonly sources?: SourceFactory;
  /** Start the stored live subscriptions (the app and `serve`; not one-shot CLI commands). Default false. */
  readonly liveStreams?: boolean;
}
