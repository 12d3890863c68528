import type { FakeExchangeOptions } from './server.ts';

/** `--port N --host H --origin DATE --weight-limit N`, each checked, with a message naming the problem. */
export function parseArgs(argv: readonly string[]): FakeExchangeOptions {
  const options: { port?: number; host?: string; origin?: string; weightLimit?: number } = {};
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
      case '--origin': {
        const text = need();
        if (!Number.isFinite(Date.parse(text))) throw new Error(`--origin is not a date: "${text}"`);
        options.origin = text;
        break;
      }
      case '--weight-limit': {
        const limit = Number(need());
        if (!Number.isInteger(limit) || limit < 1) throw new Error(`--weight-limit must be a positive integer, got "${value}"`);
        options.weightLimit = limit;
        break;
      }
      default:
        throw new Error(`unknown option "${flag}" (options: --port, --host, --origin, --weight-limit)`);
    }
  }
  return options;
}
