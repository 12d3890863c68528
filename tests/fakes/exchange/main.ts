/**
 * The fake exchange as a standalone server, for trying Candlewick by hand or from a browser test:
 *
 *   npm run fake:exchange -- --port 8899 [--host 127.0.0.1] [--origin 2024-01-01] [--weight-limit 6000]
 */
import { parseArgs } from './cli-args.ts';
import { CONTROL_HELP } from './control.ts';
import { startFakeExchange, type FakeExchangeOptions } from './server.ts';

async function main(): Promise<void> {
  let options: FakeExchangeOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`fake-exchange: ${(error as Error).message}`);
    process.exit(2);
  }
  const fake = await startFakeExchange(options);
  const lines = [
    'Fake Binance spot exchange (REST + websocket) is running.',
    '',
    'In Candlewick, add a ccxt connection with exchange "binance" and these URLs:',
    `  REST URL:       ${fake.restUrl}`,
    `  WebSocket URL:  ${fake.wsUrl}`,
    '',
    `Control: ${fake.controlUrl}`,
    ...Object.entries(CONTROL_HELP).map(([route, what]) => `  ${route.padEnd(22)} ${what}`),
    `  e.g. curl -X POST ${fake.controlUrl}/faults -d '{"drop":true}'`,
    '',
    'Ctrl+C stops it.',
  ];
  console.log(lines.join('\n'));
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
