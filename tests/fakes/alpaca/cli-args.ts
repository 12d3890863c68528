import type { FakeAlpacaOptions } from './server.ts';

const USAGE = 'options: --port N, --host H, --key ID --secret S, --origin DATE, --sip (paid data plan), --rate-limit N';

/**
 * `--port N --host H --key ID --secret S --origin DATE --sip --rate-limit N`, each checked, with a
 * message naming the problem. `--key` and `--secret` come together (a paper key pair).
 */
export function parseArgs(argv: readonly string[]): FakeAlpacaOptions {
  const options: { -readonly [K in keyof FakeAlpacaOptions]: FakeAlpacaOptions[K] } = {};
  let keyId: string | undefined;
  let secret: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    switch (flag) {
      case '--port': {
        const port = Number(need());
        if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got "${value}"`);
        options.port = port;
        break;
      }
      case '--host':
        options.host = need();
        break;
      case '--key':
        keyId = need();
        break;
      case '--secret':
        secret = need();
        break;
      case '--origin': {
        const text = need();
        if (!Number.isFinite(Date.parse(text))) throw new Error(`--origin is not a date: "${text}"`);
        options.origin = text;
        break;
      }
      case '--sip':
        options.sipSubscription = true;
        break;
      case '--rate-limit': {
        const limit = Number(need());
        if (!Number.isInteger(limit) || limit < 1) throw new Error(`--rate-limit must be a positive integer, got "${value}"`);
        options.rateLimitPerMinute = limit;
        break;
      }
      default:
        throw new Error(`unknown option "${flag}" (${USAGE})`);
    }
  }
  if ((keyId === undefined) !== (secret === undefined)) throw new Error('--key and --secret must be given together');
  if (keyId !== undefined && secret !== undefined) options.keys = [{ keyId, secret, environment: 'paper' }, { keyId, secret, environment: 'live' }];
  return options;
}
