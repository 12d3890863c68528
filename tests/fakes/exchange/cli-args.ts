import { CliFlags } from '../shared/cli-flags.ts';
import type { FakeExchangeOptions } from './server.ts';

/** `--port N --host H --origin DATE --weight-limit N`, each checked, with a message naming the problem. */
export function parseArgs(argv: readonly string[]): FakeExchangeOptions {
  const options: { port?: number; host?: string; origin?: string; weightLimit?: number } = {};
  const args = new CliFlags(argv, '--port, --host, --origin, --weight-limit');
  for (const flag of args) {
    switch (flag) {
      case '--port':
        options.port = args.integer(0, 65_535);
        break;
      case '--host':
        options.host = args.text();
        break;
      case '--origin':
        options.origin = args.date();
        break;
      case '--weight-limit':
        options.weightLimit = args.integer(1);
        break;
      default:
        args.unknown();
    }
  }
  return options;
}
