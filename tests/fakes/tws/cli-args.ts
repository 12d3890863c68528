import { MAX_SUPPORTED_VERSION, MIN_SUPPORTED_VERSION } from './protocol.ts';
import type { FakeTwsOptions } from './server.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const USAGE = '--port N --control-port N --host H --server-version N --origin DATE --max-lines N --max-tick-by-tick N';

/** `--port 7497 --control-port 7498 --server-version 193 --origin 2015-01-01 …`, each checked, with a message naming the problem. */
export function parseArgs(argv: readonly string[]): FakeTwsOptions {
  const options: Mutable<FakeTwsOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    const integer = (min: number, max: number): number => {
      const n = Number(need());
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be an integer in ${min}..${max}, got "${value}"`);
      return n;
    };
    switch (flag) {
      case '--port':
        options.port = integer(0, 65_535);
        break;
      case '--control-port':
        options.controlPort = integer(0, 65_535);
        break;
      case '--host':
        options.host = need();
        break;
      case '--server-version':
        options.serverVersion = integer(MIN_SUPPORTED_VERSION, MAX_SUPPORTED_VERSION);
        break;
      case '--origin': {
        const text = need();
        if (!Number.isFinite(Date.parse(text))) throw new Error(`--origin is not a date: "${text}"`);
        options.origin = text;
        break;
      }
      case '--max-lines':
        options.maxMarketDataLines = integer(1, 10_000);
        break;
      case '--max-tick-by-tick':
        options.maxTickByTick = integer(1, 1_000);
        break;
      default:
        throw new Error(`unknown option "${flag}" (options: ${USAGE})`);
    }
  }
  return options;
}
