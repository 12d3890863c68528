/**
 * The fake Yahoo Finance on a port, for trying the app against it by hand:
 *
 *   npm run fake:yahoo -- --port 8766 [--data ../shared/data | --no-data]
 *
 * then set a Yahoo connection's REST URL to the printed address. Faults on command:
 *
 *   curl -X POST localhost:8766/__fake/faults -d '{"fault":{"kind":"rate-limit","retryAfterSeconds":5},"times":2}'
 */
import { startFakeYahoo } from './fake-yahoo.ts';

function parseArgs(argv: readonly string[]): { port: number; dataDir?: string | null } {
  let port = 0;
  let dataDir: string | null | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--port') {
      const text = argv[++i];
      const value = Number(text);
      if (text === undefined || !Number.isInteger(value) || value < 0 || value > 65_535) {
        throw new Error(`--port needs a port number from 0 to 65535, got ${text === undefined ? 'nothing' : `"${text}"`}`);
      }
      port = value;
    } else if (arg === '--data') {
      dataDir = argv[++i];
      if (dataDir === undefined) throw new Error('--data needs a folder');
    } else if (arg === '--no-data') {
      dataDir = null;
    } else {
      throw new Error(`unknown option "${arg}" (use --port N, --data DIR or --no-data)`);
    }
  }
  return { port, dataDir };
}

try {
  const { port, dataDir } = parseArgs(process.argv.slice(2));
  const fake = await startFakeYahoo({ port, dataDir });
  console.log(`Fake Yahoo Finance at ${fake.url}`);
  console.log(`Set the Yahoo connection's REST URL to ${fake.url}`);
  console.log(fake.dataDir ? `Daily ORCL, NVDA, YHOO from ${fake.dataDir}` : 'No data folder: all bars generated');
  const stop = (): void => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`fake:yahoo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
