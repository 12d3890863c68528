import { z } from 'zod';

/** The workspace folder user strategies live in, and the prefix of every problem's `file`. */
export const STRATEGIES_FOLDER = 'strategies';

/** The one module a user strategy may import (its SDK): `import { defineStrategy } from 'candlewick'`. */
export const STRATEGY_SDK_MODULE = 'candlewick';

/**
 * What is wrong with a user strategy, where: `file` relative to the workspace with forward
 * slashes (`strategies/breakout.ts`), `line` and `column` 1-based as editors count them.
 */
export const StrategyProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  message: z.string(),
});
export type StrategyProblem = z.infer<typeof StrategyProblemSchema>;

/**
 * A user strategy compiled to CommonJS by the main process and evaluated only in a worker. The
 * source map's `mappings` travel along so the worker can place a runtime error in the `.ts` file.
 */
export interface CompiledStrategy {
  readonly file: string;
  readonly code: string;
  /** The `mappings` field (Source Map v3, VLQ) from `code` back to `file`. */
  readonly mappings: string;
}

/** Ids a user strategy may declare: they appear in saved runs, URLs and `--strategy`. */
export const USER_STRATEGY_ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;
