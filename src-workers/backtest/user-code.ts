import { AppFailure } from '../../src-shared/contract/errors.ts';
import { decodeMappings, originalPosition, type DecodedMappings } from '../../src-shared/domain/source-map.ts';
import type { CompiledStrategy } from '../../src-shared/domain/user-strategy.ts';

/** A place in the user's `.ts` file, 1-based; null where an error has no place in their code. */
export interface UserCodePlace {
  line: number;
  column: number;
}

/** A problem found while loading a user strategy; main places one without a position at its export. */
export interface LoadProblem {
  line: number | null;
  column: number | null;
  message: string;
}

/** Loading failed in a way the user must fix (no default export, a bad declaration, …). */
export class StrategyLoadError extends Error {
  constructor(readonly problem: LoadProblem) {
    super(problem.message);
    this.name = 'StrategyLoadError';
  }
}

// The compiled code is wrapped on its own first line, so generated line numbers stay as they are;
// only columns on line 1 move by the wrapper's length.
const WRAPPER_HEAD = '(function (module, exports, require) {"use strict";';

/**
 * Evaluates the compiled module and returns its exports. Indirect eval runs it in the global scope,
 * where none of this module's variables are in reach, only the three CommonJS arguments;
 * `sourceURL` names its frames in stack traces so {@link placeInUserCode} can find them.
 */
export function evaluateModule(compiled: CompiledStrategy, require: (specifier: string) => unknown): Record<string, unknown> {
  const wrapped = `${WRAPPER_HEAD}${compiled.code}\n})\n//# sourceURL=${sourceUrl(compiled.file)}`;
  const factory = (0, eval)(wrapped) as (module: { exports: unknown }, exports: unknown, require: (s: string) => unknown) => void;
  const module = { exports: {} as Record<string, unknown> };
  factory(module, module.exports, require);
  return module.exports;
}

const decoded = new WeakMap<CompiledStrategy, DecodedMappings>();

/** Where in the user's file an error was thrown: its innermost stack frame in their code, mapped back. */
export function placeInUserCode(error: unknown, compiled: CompiledStrategy): UserCodePlace | null {
  const stack = error instanceof Error ? String(error.stack ?? '') : '';
  const url = sourceUrl(compiled.file);
  const at = stack.indexOf(`${url}:`);
  if (at < 0) return null;
  const m = /^(\d+):(\d+)/.exec(stack.slice(at + url.length + 1));
  if (!m) return null;
  const line = Number(m[1]) - 1;
  const column = Number(m[2]) - 1 - (line === 0 ? WRAPPER_HEAD.length : 0);
  let mappings = decoded.get(compiled);
  if (!mappings) {
    mappings = decodeMappings(compiled.mappings);
    decoded.set(compiled, mappings);
  }
  const source = originalPosition(mappings, { line, column: Math.max(0, column) });
  return source ? { line: source.line + 1, column: source.column + 1 } : null;
}

/** What the user sees of something their code threw: `TypeError: x is not a function`. */
export function describeThrown(error: unknown): string {
  if (error instanceof AppFailure) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `threw ${typeof error === 'string' ? JSON.stringify(error) : String(error)}`;
}

/**
 * Runs something that calls into a user strategy and turns what it throws into an expected failure
 * naming the file and line: a runtime error in their code is `STRATEGY_FAILED`, one of ours raised
 * through their code (an unknown indicator, bad parameters) keeps its code and gains the place.
 * An error thrown with no frame in their code is ours, and stays a bug.
 */
export function withUserCode<T>(compiled: CompiledStrategy, run: () => T): T {
  try {
    return withDeepStacks(run);
  } catch (error) {
    throw asUserCodeFailure(error, compiled);
  }
}

/**
 * Runs with longer stack traces: V8 keeps 10 frames by default, and an error raised deep in our
 * code (an indicator's parameter check) would lose the user's frame beneath them.
 */
export function withDeepStacks<T>(run: () => T): T {
  const v8 = Error as { stackTraceLimit?: number };
  const limit = v8.stackTraceLimit;
  v8.stackTraceLimit = 64;
  try {
    return run();
  } finally {
    v8.stackTraceLimit = limit;
  }
}

function asUserCodeFailure(error: unknown, compiled: CompiledStrategy): unknown {
  const { file } = compiled;
  if (error instanceof StrategyLoadError) {
    const { line, column, message } = error.problem;
    const where = line === null ? file : `${file}:${line}:${column ?? 1}`;
    return new AppFailure('STRATEGY_FAILED', `${where}: ${message}`, { file, line, column });
  }
  const place = placeInUserCode(error, compiled);
  if (error instanceof AppFailure) {
    if (!place) return error;
    const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
    return new AppFailure(error.code, `${file}:${place.line}:${place.column}: ${error.message}`, { ...details, file, ...place });
  }
  // Our own code throws Errors only; anything else came from the strategy.
  if (!place && error instanceof Error) return error;
  const where = place ? `${file}:${place.line}:${place.column}` : file;
  return new AppFailure('STRATEGY_FAILED', `${where}: ${describeThrown(error)}`, { file, line: place?.line ?? null, column: place?.column ?? null });
}

function sourceUrl(file: string): string {
  // Encoded: the name ends a comment line of the evaluated code, so it must not hold a line break.
  return `candlewick-strategy:///${encodeURI(file)}`;
}
