import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the shell's pieces live, and which URLs count as the app's own page.
 * Node only (no Electron import), so the rules here can be exercised outside Electron.
 */

/** The renderer the window loads: the dev server in development, the built file otherwise. */
export interface RendererTarget {
  readonly kind: 'dev-server' | 'file';
  /** What the window loads. */
  readonly url: string;
  /** True when `url` is the app's own page (any hash or query), e.g. an IPC sender or a navigation. */
  isAppPage(url: string): boolean;
  /** True when `url` is a resource of the app (dev server origin, or a file under the renderer folder). */
  isAppResource(url: string): boolean;
}

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

export function devServerTarget(devUrl: string): RendererTarget {
  const base = parse(devUrl);
  if (!base || (base.protocol !== 'http:' && base.protocol !== 'https:')) {
    throw new Error(`ELECTRON_RENDERER_URL "${devUrl}" is not an http(s) URL`);
  }
  const sameOrigin = (u: URL | null): u is URL => u !== null && u.origin === base.origin;
  return {
    kind: 'dev-server',
    url: base.href,
    isAppPage: (url) => {
      const u = parse(url);
      return sameOrigin(u) && (u.pathname === base.pathname || u.pathname === '/index.html');
    },
    isAppResource: (url) => sameOrigin(parse(url)),
  };
}

export function fileTarget(indexHtml: string): RendererTarget {
  const index = pathToFileURL(path.resolve(indexHtml));
  const rendererDir = path.dirname(path.resolve(indexHtml)) + path.sep;
  const filePath = (url: string): string | null => {
    const u = parse(url);
    if (!u || u.protocol !== 'file:' || u.host !== '') return null;
    try {
      return fileURLToPath(u);
    } catch {
      return null;
    }
  };
  return {
    kind: 'file',
    url: index.href,
    isAppPage: (url) => filePath(url) === fileURLToPath(index),
    isAppResource: (url) => filePath(url)?.startsWith(rendererDir) ?? false,
  };
}

/**
 * `--data-dir DIR` or `--data-dir=DIR` anywhere on the command line, resolved against `cwd`.
 * Returns `undefined` when absent; throws when the flag has no value.
 */
export function parseDataDirArg(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === '--data-dir') {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error('--data-dir needs a folder, e.g. --data-dir ~/candlewick');
    } else if (arg.startsWith('--data-dir=')) {
      value = arg.slice('--data-dir='.length);
      if (value === '') throw new Error('--data-dir needs a folder, e.g. --data-dir=~/candlewick');
    } else {
      continue;
    }
    return path.resolve(cwd, value);
  }
  return undefined;
}

/**
 * Files of the Electron build, relative to the bundled main script (`out/main/index.cjs`).
 * In a packaged app these paths point inside app.asar, on purpose for the worker: see the
 * note in electron-builder.yml.
 */
export function buildFiles(mainDir: string): { preload: string; worker: string; migrations: string; rendererIndex: string } {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    worker: path.join(mainDir, 'pool-worker.cjs'),
    // Copied from src-main/storage/migrations by electron.vite.config.ts.
    migrations: path.join(mainDir, 'migrations'),
    rendererIndex: path.join(mainDir, '..', 'renderer', 'index.html'),
  };
}
