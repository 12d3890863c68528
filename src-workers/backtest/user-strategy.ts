import { z } from 'zod';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import { IndicatorParamSchema, type IndicatorParam } from '../../src-shared/domain/indicator.ts';
import { STRATEGY_SDK_MODULE, USER_STRATEGY_ID, type CompiledStrategy } from '../../src-shared/domain/user-strategy.ts';
import { resolveStrategyParams } from './params.ts';
import { defineStrategy, type StrategyDefinition } from './strategy.ts';
import { describeThrown, evaluateModule, placeInUserCode, StrategyLoadError, withDeepStacks, type LoadProblem } from './user-code.ts';

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** What a user module's default export must be: the SDK's StrategyDefinition, checked field by field. */
const DeclarationSchema = z
  .object({
    id: z.string().regex(USER_STRATEGY_ID, 'must be 1–80 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit'),
    name: z.string().min(1).max(120),
    description: z.string().max(2000).default(''),
    version: z.string().min(1).max(40),
    params: z.array(IndicatorParamSchema).max(64),
    validate: z.custom<NonNullable<StrategyDefinition['validate']>>(isFunction, 'must be a function (params) => string | null').optional(),
    setup: z.custom<StrategyDefinition['setup']>(isFunction, 'must be a function (ctx, params) => ({ onBar(i, t) { … } })'),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    for (const [i, p] of def.params.entries()) {
      if (seen.has(p.name)) ctx.addIssue({ code: 'custom', path: ['params', i, 'name'], message: `'${p.name}' is declared twice` });
      seen.add(p.name);
    }
  });

/** A user strategy as data: what the strategy list and the parameter form show. */
export interface UserStrategyDescriptor {
  id: string;
  name: string;
  description: string;
  version: string;
  params: IndicatorParam[];
}

export type DescribeOutcome = { ok: true; descriptor: UserStrategyDescriptor } | { ok: false; problem: LoadProblem };

const SDK = Object.freeze({ defineStrategy });

function requireSdk(specifier: string): unknown {
  if (specifier === STRATEGY_SDK_MODULE) return SDK;
  throw new Error(`cannot import '${specifier}': a strategy may import only '${STRATEGY_SDK_MODULE}'`);
}

/**
 * Evaluates a compiled user strategy and checks its default export: the declaration's shape, then
 * its default parameters as one valid set (the form and the optimizer start from them). A problem
 * with the declaration is a {@link StrategyLoadError}; what the module itself throws propagates.
 * Runs only in a worker: the main process never executes user code.
 */
export function loadUserStrategy(compiled: CompiledStrategy): StrategyDefinition {
  const exports = evaluateModule(compiled, requireSdk);
  if (exports.default === undefined) {
    throw new StrategyLoadError({ line: null, column: null, message: 'has no default export; end it with `export default defineStrategy({ … })`' });
  }
  const parsed = DeclarationSchema.safeParse(exports.default);
  if (!parsed.success) {
    throw new StrategyLoadError({ line: null, column: null, message: `the default export is not a strategy: ${formatIssues(parsed.error.issues)}` });
  }
  const def = defineStrategy(parsed.data);
  try {
    resolveStrategyParams(def, {});
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    throw new StrategyLoadError({ line: null, column: null, message: `its default parameters are not a valid set: ${error.message}` });
  }
  return def;
}

/** Loads a user strategy and answers with its descriptor, or with the one problem that stops it. */
export function describeUserStrategy(compiled: CompiledStrategy): DescribeOutcome {
  try {
    const { id, name, description, version, params } = withDeepStacks(() => loadUserStrategy(compiled));
    return { ok: true, descriptor: { id, name, description, version, params: params.map((p) => ({ ...p })) } };
  } catch (error) {
    if (error instanceof StrategyLoadError) return { ok: false, problem: error.problem };
    const place = placeInUserCode(error, compiled);
    return { ok: false, problem: { line: place?.line ?? null, column: place?.column ?? null, message: `loading failed: ${describeThrown(error)}` } };
  }
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
    return `${path || 'it'}: ${issue.message}`;
  });
  return shown.join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
}
