/**
 * The fake Alpaca as a standalone server, for trying Candlewick by hand or from a browser test:
 *
 *   npm run fake:alpaca -- --port 8898 [--host 127.0.0.1] [--key ID --secret S] [--origin 2016-01-01] [--sip] [--rate-limit 200]
 */
import { parseArgs } from './cli-args.ts';
import { CONTROL_HELP } from './control.ts';
import { startFakeAlpaca, type FakeAlpacaOptions } from './server.ts';

async function main(): Promise<void> {
  let options: FakeAlpacaOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`fake-alpaca: ${(error as Error).message}`);
    process.exit(2);
  }
  const fake = await startFakeAlpaca(options);
  const key = fake.keys[0];
  const lines = [
    'Fake Alpaca (trading + market-data REST, market-data streams) is running.',
    '',
    'In Candlewick, add an Alpaca connection with the key below and, under Advanced:',
    `  Market data REST URL: ${fake.urls.data}`,
    `  Stream URL:           ${fake.urls.stream}   (the base: the feed path is added)`,
    `  Trading API URL:      ${fake.urls.tradingPaper}`,
    '',
    'Point the SDK (@alpacahq/alpaca-trade-api 4.x) at these base URLs (see docs/fake-alpaca.md):',
    `  Trading, paper:   ${fake.urls.tradingPaper}    (instead of https://paper-api.alpaca.markets)`,
    `  Trading, live:    ${fake.urls.tradingLive}     (instead of https://api.alpaca.markets)`,
    `  Market data REST: ${fake.urls.data}          (instead of https://data.alpaca.markets)`,
    `  Stream, stocks:   ${fake.streamUrl('iex')}   (also /v2/sip, /v2/test)`,
    `  Stream, crypto:   ${fake.streamUrl('crypto')}`,
    '',
    // A fake's default secret is no secret: print it so a person can type it in; a passed one is not echoed.
    `Key id: ${key.keyId}    Secret: ${options.keys ? '(the secret you passed)' : key.secret}`,
    `Data plan: ${options.sipSubscription ? 'SIP subscription' : 'free (iex; SIP history only older than 15 minutes)'}`,
    '',
    `Control: ${fake.urls.control}`,
    ...Object.entries(CONTROL_HELP).map(([route, what]) => `  ${route.padEnd(22)} ${what}`),
    `  e.g. curl -X POST ${fake.urls.control}/faults -d '{"dropStreams":true}'`,
    '',
    'Ctrl+C stops it.',
  ];
  console.log(lines.join('\n'));
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
