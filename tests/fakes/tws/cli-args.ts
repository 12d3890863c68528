import { CliFlags } from '../shared/cli-flags.ts';
import { MAX_SUPPORTED_VERSION, MIN_SUPPORTED_VERSION } from './protocol.ts';
import type { FakeTwsOptions } from './server.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const USAGE = '--port N --control-port N --host H --server-version N --origin DATE --max-lines N --max-tick-by-tick N';

/** `--port 7497 --control-port 7498 --server-version 193 --origin 2015-01-01 …`, each checked, with a message naming the problem. */
export function parseArgs(argv: readonly string[]): FakeTwsOptions {
  const options: Mutable<FakeTwsOptions> = {};
  const args = new CliFlags(argv, USAGE);
  for (const flag of args) {
    switch (flag) {
      case '--port':
        options.port = args.integer(0, 65_535);
        break;
      case '--control-port':
        options.controlPort = args.integer(0, 65_535);
        break;
      case '--host':
        options.host = args.text();
        break;
      case '--server-version':
        options.serverVersion = args.integer(MIN_SUPPORTED_VERSION, MAX_SUPPORTED_VERSION);
        break;
      case '--origin':
        options.origin = args.date();
        break;
      case '--max-lines':
        options.maxMarketDataLines = args.integer(1, 10_000);
        break;
      case '--max-tick-by-tick':
        options.maxTickByTick = args.integer(1, 1_000);
        break;
      default:
        args.unknown();
    }
  }
  return options;
}
