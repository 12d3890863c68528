import type { Message, TransformFailure } from 'esbuild';
import { decodeMappings, originalPosition, type DecodedMappings } from '../../src-shared/domain/source-map.ts';
import { STRATEGY_SDK_MODULE, type CompiledStrategy, type StrategyProblem } from '../../src-shared/domain/user-strategy.ts';
import { esbuild } from './esbuild-loader.ts';

export type CompileOutcome = { ok: true; compiled: CompiledStrategy } | { ok: false; problems: StrategyProblem[] };

/**
 * Compiles a user strategy's TypeScript to a CommonJS module for a worker to evaluate, without
 * running any of it. esbuild strips the types (it does not check them) and reports syntax errors
 * with their place; every import but the SDK's is refused here, at the line of the import.
 * `file` is the strategy's path relative to the workspace; problems name it.
 */
export async function compileStrategy(file: string, source: string): Promise<CompileOutcome> {
  let code: string;
  let map: string;
  try {
    ({ code, map } = await esbuild().transform(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: file,
      logLevel: 'silent',
      // Keep every import, used or not, so that a forbidden one is reported rather than dropped.
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
      // `import()` becomes `require()` too, so it meets the same check here and in the worker.
      supported: { 'dynamic-import': false },
    }));
  } catch (error) {
    if (isTransformFailure(error)) return { ok: false, problems: error.errors.map((m) => fromMessage(file, m)) };
    throw error;
  }
  const mappings = (JSON.parse(map) as { mappings: string }).mappings;
  const problems = forbiddenImports(file, code, decodeMappings(mappings));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, compiled: { file, code, mappings } };
}

function fromMessage(file: string, m: Message): StrategyProblem {
  // esbuild's lines are 1-based and its columns 0-based.
  return { file, line: m.location?.line ?? 1, column: (m.location?.column ?? 0) + 1, message: m.text };
}

/**
 * Every `require("…")` in the compiled code that is not the SDK, placed at its source line. In
 * CommonJS output esbuild turns each import (and `import()`, and `import x = require()`) into one.
 */
function forbiddenImports(file: string, code: string, mappings: DecodedMappings): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  for (const m of code.matchAll(/\brequire\(\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*\)/g)) {
    const specifier = m[1]!.slice(1, -1);
    if (specifier === STRATEGY_SDK_MODULE) continue;
    const before = code.slice(0, m.index);
    const line = before.split('\n').length - 1;
    const column = m.index! - (before.lastIndexOf('\n') + 1);
    const at = originalPosition(mappings, { line, column }) ?? { line: 0, column: 0 };
    problems.push({
      file, line: at.line + 1, column: at.column + 1,
      message: `cannot import '${specifier}': a strategy may import only '${STRATEGY_SDK_MODULE}' (it runs in a worker without Node or other packages)`,
    });
  }
  return problems;
}

function isTransformFailure(error: unknown): error is TransformFailure {
  return error instanceof Error && Array.isArray((error as Partial<TransformFailure>).errors);
}
