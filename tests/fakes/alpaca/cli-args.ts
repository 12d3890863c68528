import { CliFlags } from '../shared/cli-flags.ts';
import type { FakeAlpacaOptions } from './server.ts';

const USAGE = '--port N, --host H, --key ID --secret S, --origin DATE, --sip (paid data plan), --rate-limit N';

/**
 * `--port N --host H --key ID --secret S --origin DATE --sip --rate-limit N`, each checked, with a
 * message naming the problem. `--key` and `--secret` come together (a paper key pair).
 */
export function parseArgs(argv: readonly string[]): FakeAlpacaOptions {
  const options: { -readonly [K in keyof FakeAlpacaOptions]: FakeAlpacaOptions[K] } = {};
  let keyId: string | undefined;
  let secret: string | undefined;
  const args = new CliFlags(argv, USAGE);
  for (const flag of args) {
    switch (flag) {
      case '--port':
        options.port = args.integer(0, 65_535);
        break;
      case '--host':
        options.host = args.text();
        break;
      case '--key':
        keyId = args.text();
        break;
      case '--secret':
        secret = args.text();
        break;
      case '--origin':
        options.origin = args.date();
        break;
      case '--sip':
        options.sipSubscription = true;
        break;
      case '--rate-limit':
        options.rateLimitPerMinute = args.integer(1);
        break;
      default:
        args.unknown();
    }
  }
  if ((keyId === undefined) !== (secret === undefined)) throw new Error('--key and --secret must be given together');
  if (keyId !== undefined && secret !== undefined) options.keys = [{ keyId, secret, environment: 'paper' }, { keyId, secret, environment: 'live' }];
  return options;
}
