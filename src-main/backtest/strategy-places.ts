import type { StrategyProblem } from '../../src-shared/domain/user-strategy.ts';
import type { FileOutcome, UserStrategy, UserStrategySnapshot } from './user-strategies.ts';

/** A 1-based line and column in a strategy's source. */
export interface Place {
  line: number;
  column: number;
}

/**
 * Where a problem with the whole declaration belongs: the `export default` (at the start of a
 * line, so a comment mentioning it does not count), else line 1.
 */
export function whereExported(source: string): Place {
  return placeOf(source, /^[ \t]*export\s+default\b/m) ?? { line: 1, column: 1 };
}

/** Where the strategy declares `id: '…'`, else its export. */
export function whereDeclared(source: string, id: string): Place {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return placeOf(source, new RegExp(`\\bid\\s*:\\s*(['"\`])${escaped}\\1`)) ?? whereExported(source);
}

/**
 * The files' strategies, with ids made unique: an id taken by a built-in, or by a file earlier in
 * name order, is a problem of the later file, not a crash and not a silent replacement.
 */
export function settleIds(outcomes: readonly FileOutcome[], builtInIds: ReadonlySet<string>): UserStrategySnapshot {
  const strategies: UserStrategy[] = [];
  const problems: StrategyProblem[] = [];
  const owners = new Map<string, string>();
  for (const outcome of outcomes) {
    problems.push(...outcome.problems);
    const strategy = outcome.strategy;
    if (!strategy) continue;
    const { id } = strategy.descriptor;
    const file = strategy.compiled.file;
    const owner = owners.get(id);
    const clash = builtInIds.has(id)
      ? `id '${id}' is taken by a built-in strategy; give this strategy another id`
      : owner !== undefined
        ? `id '${id}' is already used by ${owner}; give this strategy another id`
        : null;
    if (clash) {
      problems.push({ file, ...whereDeclared(outcome.source, id), message: clash });
      continue;
    }
    owners.set(id, file);
    strategies.push(strategy);
  }
  return { strategies, problems };
}

function placeOf(source: string, pattern: RegExp): Place | null {
  const m = pattern.exec(source);
  if (!m) return null;
  // Past the indentation the pattern allows, to the keyword itself.
  const at = m.index + (m[0].length - m[0].trimStart().length);
  const before = source.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
