import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { CompiledStrategy } from '../../src-shared/domain/user-strategy.ts';
import type { StrategyDefinition } from '../../src-workers/backtest/strategy.ts';
import { BUILT_IN_STRATEGIES } from '../../src-workers/backtest/strategies/index.ts';
import { builtInStrategyHash } from '../backtest/strategy-resolution.ts';
import type { UserStrategies } from '../backtest/user-strategies.ts';

/** The strategy an optimization searches: its declaration for the space, and what a saved optimization records of it. */
export interface OptimizeStrategy {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
  /**
   * The declaration the parameter space is built from. For a user strategy this is its declared
   * parameters only: its `validate` and `setup` are user code, which runs in workers and never in
   * the main process, so sets its own check refuses come back from the workers as failed rows.
   */
  readonly definition: StrategyDefinition;
  readonly userStrategy?: CompiledStrategy;
}

/** A built-in by id (user files cannot take their ids), else one of the workspace's strategies. */
export async function findOptimizeStrategy(id: string, users: UserStrategies): Promise<OptimizeStrategy> {
  const builtIn = BUILT_IN_STRATEGIES.find((s) => s.id === id);
  if (builtIn) return { id, version: builtIn.version, hash: builtInStrategyHash(builtIn), definition: builtIn };
  const { strategies } = await users.snapshot();
  const user = strategies.find((s) => s.descriptor.id === id);
  if (!user) {
    const known = [...BUILT_IN_STRATEGIES.map((s) => s.id), ...strategies.map((s) => `${s.descriptor.id} (${s.descriptor.file})`)];
    throw new AppFailure('NOT_FOUND', `strategyId: unknown strategy '${id}'; strategies: ${known.join(', ')}`, { field: 'strategyId', strategy: id });
  }
  const { descriptor } = user;
  const definition: StrategyDefinition = {
    id: descriptor.id,
    name: descriptor.name,
    description: descriptor.description,
    version: descriptor.version,
    params: descriptor.params,
    setup: () => {
      throw new Error(`bug: the user strategy ${descriptor.id} was set up in the main process`);
    },
  };
  return { id, version: descriptor.version, hash: user.sourceHash, definition, userStrategy: user.compiled };
}
