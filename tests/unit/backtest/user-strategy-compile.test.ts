import { describe, expect, it } from 'vitest';
import { compileStrategy } from '../../../src-main/backtest/strategy-compiler.ts';

// Compiling a user strategy in the main process: esbuild strips the types, reports syntax errors
// with their place, and every import but the SDK is refused at the line of the import. Nothing
// of the user's code runs here.

const FILE = 'strategies/test.ts';

async function problems(source: string) {
  const out = await compileStrategy(FILE, source);
  if (out.ok) throw new Error('compiled, but a problem was expected');
  return out.problems;
}

describe('compileStrategy', () => {
  it('compiles TypeScript to a CommonJS module with a source map, without running it', async () => {
    const source = [
      "import { defineStrategy } from 'candlewick';",
      "import type { Unused } from 'somewhere-else';",
      '',
      'const period: number = 5;',
      "globalThis.ranInMain = true;",
      'export default defineStrategy({ id: "t", name: "T", version: "1", params: [], setup: () => ({ onBar() {} }) });',
    ].join('\n');
    const out = await compileStrategy(FILE, source);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.compiled.file).toBe(FILE);
    expect(out.compiled.code).toContain('require("candlewick")');
    expect(out.compiled.code).not.toContain(': number');
    expect(out.compiled.code).not.toContain('somewhere-else');
    expect(out.compiled.mappings).toMatch(/^[;,A-Za-z0-9+/]+$/);
    expect((globalThis as { ranInMain?: boolean }).ranInMain).toBeUndefined();
  });

  it('reports a syntax error with the file and its line and column', async () => {
    const found = await problems(['// line 1', 'export default {', '  id: "x",', '  name: = "oops",', '};'].join('\n'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: FILE, line: 4, column: 9 });
    expect(found[0]!.message).toMatch(/Unexpected "="/);
  });

  it('reports a TypeScript-only syntax error (a type annotation without a type)', async () => {
    const found = await problems(['const a = 1;', '', 'let b: = 2;'].join('\n'));
    expect(found[0]).toMatchObject({ file: FILE, line: 3 });
  });

  it('refuses an import other than candlewick, naming the specifier, file and line', async () => {
    const found = await problems(
      [
        "import { defineStrategy } from 'candlewick';",
        "import { readFileSync } from 'node:fs';",
        '',
        'export default defineStrategy({ id: "t", name: "T", version: "1", params: [], setup: () => ({ onBar() { readFileSync("x"); } }) });',
      ].join('\n'),
    );
    expect(found).toEqual([
      expect.objectContaining({ file: FILE, line: 2, message: expect.stringMatching(/cannot import 'node:fs': a strategy may import only 'candlewick'/) }),
    ]);
  });

  it('refuses an unused import too (imports are kept as written), and a dynamic import, each at its line', async () => {
    const found = await problems(
      ["import lodash from 'lodash';", "import { defineStrategy } from 'candlewick';", 'const later = () => import("./helper.ts");', 'export default 1;'].join('\n'),
    );
    expect(found.map((p) => [p.line, p.message.match(/'([^']+)'/)![1]])).toEqual([
      [1, 'lodash'],
      [3, './helper.ts'],
    ]);
  });

  it('reports top-level await, which a CommonJS module cannot have', async () => {
    const found = await problems(['const x = 1;', 'await Promise.resolve(x);', 'export default x;'].join('\n'));
    expect(found[0]).toMatchObject({ file: FILE, line: 2 });
    expect(found[0]!.message).toMatch(/Top-level await/);
  });
});
