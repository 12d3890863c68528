import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { ParamValues, StrategyDefinition } from './strategy.ts';

/**
 * A strategy's parameters checked against its declaration: unknown names refused, defaults filled,
 * ints integral, numbers within their ranges, choices among theirs, then the strategy's own check of
 * the combination. Every message names the parameter and the value.
 */
export function resolveStrategyParams(def: StrategyDefinition, given: Record<string, unknown> = {}): ParamValues {
  const fail = (message: string, param: string): never => {
    throw new AppFailure('VALIDATION_FAILED', `${def.id}: ${message}`, { strategy: def.id, param });
  };
  for (const name of Object.keys(given)) {
    if (!def.params.some((p) => p.name === name)) fail(`unknown parameter '${name}'; parameters: ${def.params.map((p) => p.name).join(', ')}`, name);
  }
  const out: ParamValues = {};
  for (const p of def.params) {
    const raw = given[p.name] ?? p.default;
    if (p.type === 'choice') {
      if (typeof raw !== 'string' || !p.choices.includes(raw)) fail(`${p.name} must be one of ${p.choices.join(', ')}, got ${String(raw)}`, p.name);
      out[p.name] = raw as string;
      continue;
    }
    const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${p.name} must be a number, got ${String(raw)}`, p.name);
    const n = v as number;
    if (p.type === 'int' && !Number.isInteger(n)) fail(`${p.name} must be an integer, got ${n}`, p.name);
    if (n < p.min || n > p.max) fail(`${p.name} must be from ${p.min} to ${p.max}, got ${n}`, p.name);
    out[p.name] = n;
  }
  const problem = def.validate?.(out) ?? null;
  if (problem !== null) fail(problem, def.params.map((p) => p.name).join(','));
  return out;
}
