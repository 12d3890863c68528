import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import { createCore } from '../core.ts';
import { startServer } from '../server/http-server.ts';
import { UsageError, type Output } from './cli-error.ts';
import { dataDirOption, parse, parseNumber } from './options.ts';

export const SERVE_USAGE = 'candlewick serve [--data-dir DIR] [--port N] [--host 127.0.0.1] [--token T] [--no-demo]';
export const DEFAULT_PORT = 7420;

const flags = {
  ...dataDirOption,
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'no-demo': { type: 'boolean' },
} as const;

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the core headless and serves the UI; runs until SIGINT/SIGTERM. */
export async function serveCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, flags);
  const port = parseNumber(values.port, '--port') ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${values.port} is not a port number`);
  const host = values.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    io.err(`Warning: serving on ${host}, reachable from other machines; the token is the only protection.\n`);
  }
  const token = values.token ?? process.env.CANDLEWICK_TOKEN;
  if (token !== undefined && token.length < 16) throw new UsageError('--token must be at least 16 characters');
  const webRoot = await ensureWebBuild(io);
  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, seedDemo: !values['no-demo'], liveStreams: true });
  let server;
  try {
    server = await startServer({ core, webRoot, host, port, token });
  } catch (error) {
    await core.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppFailure('WORKSPACE_UNAVAILABLE', `port ${port} is already in use; choose another with --port`);
    }
    throw error;
  }
  io.out(`Candlewick listening on ${server.url}\n`);
  // npm and the terminal may both forward one Ctrl-C: any number of signals means one shutdown.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  await server.close();
  await core.close();
  return 0;
}

/** The built browser UI; built once with Vite when a source checkout has none yet. */
async function ensureWebBuild(io: Output): Promise<string> {
  const webRoot = join(projectRoot, 'out', 'web');
  if (existsSync(join(webRoot, 'index.html'))) return webRoot;
  const config = join(projectRoot, 'vite.web.config.ts');
  if (!existsSync(config)) throw new AppFailure('INTERNAL', `the browser UI is not built and ${config} is missing`);
  io.err('Building the browser UI once (out/web)…\n');
  const { build } = await import('vite');
  await build({ configFile: config, logLevel: 'warn' });
  return webRoot;
}
