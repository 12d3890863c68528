import { AppFailure } from '../../src-shared/contract/errors.ts';

/**
 * One problem with an optimization setup: the field as the user wrote it (`ranges.fast.step`,
 * `constraints[1]`, `walkForward.inSample`), the value found there, and what is wrong with it.
 */
export interface SetupIssue {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** Throws the issues as one VALIDATION_FAILED failure (the messages joined, the issues as details). */
export function throwIssues(issues: readonly SetupIssue[]): void {
  if (issues.length === 0) return;
  throw new AppFailure('VALIDATION_FAILED', issues.map((i) => i.message).join('; '), { issues });
}
