/**
 * The fake TWS as a standalone server, for trying Candlewick (or any TWS API client) by hand:
 *
 *   npm run fake:tws -- --port 7497 [--control-port 7498] [--server-version 193] [--origin 2015-01-01]
 */
import { parseArgs } from './cli-args.ts';
import { CONTROL_HELP } from './control.ts';
import { startFakeTws, type FakeTwsOptions } from './server.ts';

async function main(): Promise<void> {
  let options: FakeTwsOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`fake-tws: ${(error as Error).message}`);
    process.exit(2);
  }
  const fake = await startFakeTws(options);
  const symbols = fake.instruments.map((i) => `${i.localSymbol} (${i.secType} ${i.exchange}, conId ${i.conId})`);
  const lines = [
    `Fake TWS / IB Gateway is listening on ${fake.host}:${fake.port} (server versions up to ${fake.serverVersion}, history from ${new Date(fake.origin).toISOString().slice(0, 10)}).`,
    '',
    'In Candlewick, add an Interactive Brokers connection with:',
    `  Host: ${fake.host}    Port: ${fake.port}    Client id: any unused number (e.g. 1)`,
    'Any TWS API client works the same way, e.g. @stoqey/ib:',
    `  new IBApi({ host: '${fake.host}', port: ${fake.port} }).connect(1)`,
    '',
    `Instruments: ${symbols.join(', ')}`,
    '',
    ...(fake.controlUrl === null
      ? ['No control endpoint (--control-port was not given a port).']
      : [`Control: ${fake.controlUrl}`, ...Object.entries(CONTROL_HELP).map(([route, what]) => `  ${route.padEnd(22)} ${what}`),
        `  e.g. curl -X POST ${fake.controlUrl}/faults -d '{"lose":true}'   then   -d '{"restore":"lost"}'`]),
    '',
    'Ctrl+C stops it.',
  ];
  console.log(lines.join('\n'));
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
