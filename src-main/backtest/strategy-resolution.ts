import { createHash } from 'node:crypto';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { CompiledStrategy } from '../../src-shared/domain/user-strategy.ts';
import { resolveStrategyParams } from '../../src-workers/backtest/params.ts';
import type { ParamValues, StrategyDefinition } from '../../src-workers/backtest/strategy.ts';
import { BUILT_IN_STRATEGIES } from '../../src-workers/backtest/strategies/index.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import type { UserStrategies } from './user-strategies.ts';

/** A strategy ready to run: what a saved run records of it, its checked parameters, and for a user strategy its code. */
export interface ResolvedStrategy {
  readonly id: string;
  readonly version: string;
  /** What reproduces it: a built-in's declaration and code, a user strategy's source text. */
  readonly hash: string;
  readonly params: ParamValues;
  readonly userStrategy?: CompiledStrategy;
}

/**
 * Finds a strategy by id — built-ins first (a user file cannot take their ids) — and checks the
 * parameters. A user strategy's check, which includes its own `validate`, runs in a worker: the
 * main process never executes user code.
 */
export async function resolveStrategy(id: string, given: Record<string, unknown>, users: UserStrategies, pool: WorkerPool): Promise<ResolvedStrategy> {
  const builtIn = BUILT_IN_STRATEGIES.find((s) => s.id === id);
  if (builtIn) return { id, version: builtIn.version, hash: builtInStrategyHash(builtIn), params: resolveStrategyParams(builtIn, given) };
  const { strategies } = await users.snapshot();
  const user = strategies.find((s) => s.descriptor.id === id);
  if (!user) {
    const known = [...BUILT_IN_STRATEGIES.map((s) => s.id), ...strategies.map((s) => `${s.descriptor.id} (${s.descriptor.file})`)];
    throw new AppFailure('NOT_FOUND', `unknown strategy '${id}'; strategies: ${known.join(', ')}`, { strategy: id });
  }
  const params = await pool.run('strategy.resolveParams', { strategy: user.compiled, params: given });
  return { id, version: user.descriptor.version, hash: user.sourceHash, params, userStrategy: user.compiled };
}

/** What a built-in strategy is: its id, version, parameter declaration and code. */
export function builtInStrategyHash(s: StrategyDefinition): string {
  return createHash('sha256')
    .update(JSON.stringify({ id: s.id, version: s.version, params: s.params }))
    .update(s.setup.toString())
    .update(s.validate?.toString() ?? '')
    .digest('hex');
}
