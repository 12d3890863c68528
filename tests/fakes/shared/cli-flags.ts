/**
 * Reads a fake's command line flag by flag, each value checked with a message naming the flag and
 * the value: `for (const flag of args) switch (flag) { case '--port': o.port = args.integer(0, 65_535); … default: args.unknown(); }`.
 */
export class CliFlags implements Iterable<string> {
  private i = -1;

  constructor(private readonly argv: readonly string[], private readonly usage: string) {}

  *[Symbol.iterator](): Iterator<string> {
    for (this.i = 0; this.i < this.argv.length; this.i++) yield this.argv[this.i]!;
  }

  private get flag(): string {
    return this.argv[this.i] ?? '';
  }

  /** The current flag's value (the next argument). */
  text(): string {
    const value = this.argv[this.i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${this.flag} needs a value`);
    this.i++;
    return value;
  }

  integer(min: number, max = Number.MAX_SAFE_INTEGER): number {
    const flag = this.flag;
    const value = this.text();
    const n = Number(value);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    const range = max !== Number.MAX_SAFE_INTEGER ? `${min}..${max}` : min === 1 ? 'a positive integer' : `an integer from ${min}`;
    throw new Error(`${flag} must be ${range}, got "${value}"`);
  }

  /** A date as text (`2024-01-01`), checked to parse. */
  date(): string {
    const flag = this.flag;
    const value = this.text();
    if (!Number.isFinite(Date.parse(value))) throw new Error(`${flag} is not a date: "${value}"`);
    return value;
  }

  unknown(): never {
    throw new Error(`unknown option "${this.flag}" (options: ${this.usage})`);
  }
}
