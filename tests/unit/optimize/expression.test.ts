import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError, type ExpressionVariable } from '../../../src-workers/optimize/expression.ts';

const SCOPE: ExpressionVariable[] = [{ name: 'fast' }, { name: 'slow' }, { name: 'maxDrawdown' }, { name: 'ma', choices: ['sma', 'ema'] }];

/** Evaluates over fast, slow, maxDrawdown and ma (an index into its choices). */
function run(source: string, values: number[] = [10, 30, 0.2, 0]): number {
  return compileExpression(source, SCOPE).evaluate(Float64Array.from(values));
}

/** The ExpressionError a source raises. */
function failure(source: string, expected?: 'number' | 'condition'): ExpressionError {
  try {
    compileExpression(source, SCOPE, expected);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`"${source}" compiled`);
}

describe('expression evaluation', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 - 3 - 4', -5],
    ['8 / 4 / 2', 1],
    ['-2 * 3', -6],
    ['- -2', 2],
    ['2 * -3 + 1', -5],
    ['1.5e2 + .5', 150.5],
    ['25%', 0.25],
    ['abs(-3) + sqrt(16)', 7],
    ['min(3, 1, 2) + max(3, 5)', 6],
    ['log(exp(2))', 2],
    ['slow / fast', 3],
  ])('%s = %f', (source, value) => {
    expect(run(source)).toBeCloseTo(value, 12);
  });

  it.each([
    ['fast < slow', 1],
    ['fast >= slow', 0],
    ['1 + 2 < 4', 1],
    ['fast * 3 == slow', 1],
    ['fast != 10', 0],
    // && binds tighter than ||
    ['1 > 2 && 1 > 2 || 2 > 1', 1],
    ['1 > 2 && (1 > 2 || 2 > 1)', 0],
    ['!(fast > slow)', 1],
    ['maxDrawdown < 25%', 1],
    ["ma == 'sma'", 1],
    ["'ema' == ma", 0],
    ["ma != 'ema' && fast < slow", 1],
    ['(fast < slow) == (1 < 2)', 1],
  ])('%s gives %i (1 true, 0 false)', (source, value) => {
    expect(run(source)).toBe(value);
  });

  it('reads the scope slots in the order the scope declares them', () => {
    const e = compileExpression('slow - fast', SCOPE);
    expect(e.evaluate(Float64Array.from([5, 20, 0, 0]))).toBe(15);
    expect(e.evaluate(Float64Array.from([7, 50, 0, 0]))).toBe(43);
    expect(e.reads).toEqual(['slow', 'fast']);
    expect(e.type).toBe('number');
    expect(compileExpression('fast < slow', SCOPE).type).toBe('condition');
  });

  it('treats an undefined value (NaN) as unknown: comparisons and their negation do not hold', () => {
    const nan = [10, 30, NaN, 0];
    expect(run('maxDrawdown < 0.25', nan)).toBeNaN();
    expect(run('!(maxDrawdown < 0.25)', nan)).toBeNaN();
    expect(run('maxDrawdown != 0.25', nan)).toBeNaN();
    // false && unknown is false; true || unknown is true
    expect(run('fast > slow && maxDrawdown < 0.25', nan)).toBe(0);
    expect(run('fast < slow || maxDrawdown < 0.25', nan)).toBe(1);
    expect(run('fast < slow && maxDrawdown < 0.25', nan)).toBeNaN();
  });

  it('folds constant parts once and still evaluates the variables', () => {
    const e = compileExpression('fast * (2 + 3) - max(1, 2)', SCOPE);
    expect(e.evaluate(Float64Array.from([4, 0, 0, 0]))).toBe(18);
  });
});

describe('expression errors name the column and the problem', () => {
  it('an unknown identifier, with a suggestion and the known names', () => {
    const e = failure('fsat < slow');
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.position).toBe(0);
    expect(e.message).toContain('column 1');
    expect(e.message).toContain("unknown name 'fsat'");
    expect(e.message).toContain("did you mean 'fast'");
    expect(e.message).toContain('known: fast, slow, maxDrawdown, ma');
    expect(e.details).toMatchObject({ expression: 'fsat < slow', position: 0, identifier: 'fsat' });
  });

  it.each([
    ['fast < slow && sharpe > 1', 15, "unknown name 'sharpe'"],
    ['fast < ', 7, 'ends too early'],
    ['fast = slow', 5, 'use =='],
    ['fast & slow', 5, 'use &&'],
    ['fast slow', 5, "unexpected 'slow'"],
    ['(fast + 1', 9, "expected ')'"],
    ['fast < slow < 100', 12, 'do not chain'],
    ['fast == slow < 3', 5, 'do not chain'],
    ['pow(fast, 2)', 0, "unknown function 'pow'"],
    ['abs(fast, slow)', 0, 'takes 1 argument'],
    ['max(fast)', 0, 'takes 2 or more arguments'],
    ['fast + (slow > 1)', 13, "'+' needs a number, not a condition"],
    ['fast && slow', 0, 'needs a condition'],
    ['!fast < slow', 1, "'!' needs a condition"],
    ["ma == 'wma'", 6, "'wma' is not a choice of ma"],
    ['ma > 1', 0, 'choice parameter'],
    ["fast == 'x'", 8, 'text can only be compared'],
    ["ma == 'sma", 6, 'unterminated'],
    ['process.exit(1)', 7, "unexpected character '.'"],
    ['', 0, 'empty'],
  ])('%s → offset %i: %s', (source, position, text) => {
    const e = failure(source);
    expect(e.position).toBe(position);
    expect(e.message).toContain(text);
    expect(e.message).toContain(`column ${position + 1}`);
  });

  it('refuses a formula where a condition is expected, and the reverse', () => {
    expect(failure('maxDrawdown', 'condition').message).toContain('a constraint must be a condition');
    expect(failure('fast < slow', 'number').message).toContain('a formula must give a number');
  });
});
