import { ExpressionError, parseExpression, type ExpressionNode } from './expression-parser.ts';

export { ExpressionError, identifiersOf, parseExpression } from './expression-parser.ts';

/**
 * A name an expression may read, and where its value sits: variable i of the scope is slot i of the
 * Float64Array passed to `evaluate`. A choice parameter holds the index of its value in `choices`
 * (NaN for none), and may only be compared to one of them: `ma == 'ema'`.
 */
export interface ExpressionVariable {
  readonly name: string;
  readonly choices?: readonly string[];
}

/** A formula gives a number; a condition gives true (1), false (0) or unknown (NaN). */
export type ExpressionType = 'number' | 'condition';

export interface CompiledExpression {
  readonly source: string;
  readonly type: ExpressionType;
  /** The scope names it reads, in order of first appearance. */
  readonly reads: readonly string[];
  /**
   * The value over the scope's slots. A condition is 1 (holds), 0 (fails) or NaN (unknown: it compares
   * an undefined value). Unknown propagates as in SQL: `!unknown` is unknown, `false && unknown` is
   * false, `true || unknown` is true; a constraint holds only when the result is exactly 1.
   */
  evaluate(slots: Float64Array): number;
}

type Evaluator = (slots: Float64Array) => number;
interface Typed {
  type: ExpressionType | 'choice' | 'text';
  run: Evaluator;
  /** Set when the value does not depend on the slots (folded once at compile time). */
  constant: boolean;
  node: ExpressionNode;
}

const FUNCTIONS: Record<string, { min: number; max: number; fn: (...xs: number[]) => number }> = {
  abs: { min: 1, max: 1, fn: Math.abs },
  sqrt: { min: 1, max: 1, fn: Math.sqrt },
  log: { min: 1, max: 1, fn: Math.log },
  exp: { min: 1, max: 1, fn: Math.exp },
  min: { min: 2, max: Infinity, fn: Math.min },
  max: { min: 2, max: Infinity, fn: Math.max },
};

/**
 * Compiles an expression once against a scope into a tree of closures (evaluating it allocates
 * nothing). Every problem — syntax, an unknown name, a misused choice, a formula where a condition is
 * expected — is an {@link ExpressionError} naming the column.
 */
export function compileExpression(source: string, scope: readonly ExpressionVariable[], expected?: ExpressionType): CompiledExpression {
  const tree = parseExpression(source);
  const slots = new Map(scope.map((v, i) => [v.name, i] as const));
  const reads: string[] = [];
  const fail = (node: ExpressionNode, problem: string, extra?: Record<string, unknown>): never => {
    throw new ExpressionError(source, node.pos, problem, extra);
  };
  const want = (t: Typed, type: ExpressionType, role: string): Evaluator => {
    if (t.type === type) return t.run;
    if (t.type === 'choice') fail(t.node, `a choice parameter can only be compared with == or != to one of its values`);
    if (t.type === 'text') fail(t.node, `text can only be compared with == or != to a choice parameter`);
    return fail(t.node, type === 'number' ? `${role} needs a number, not a condition` : `${role} needs a condition (a comparison), not a number`);
  };
  const fold = (node: ExpressionNode, type: Typed['type'], run: Evaluator, parts: Typed[]): Typed => {
    if (parts.every((p) => p.constant)) {
      const value = run(new Float64Array(0));
      return { type, run: () => value, constant: true, node };
    }
    return { type, run, constant: false, node };
  };

  const walk = (node: ExpressionNode): Typed => {
    switch (node.kind) {
      case 'number': return { type: 'number', run: () => node.value, constant: true, node };
      case 'text': return { type: 'text', run: () => NaN, constant: true, node };
      case 'identifier': {
        const slot = slots.get(node.name);
        if (slot === undefined) return fail(node, unknownName(node.name, scope), { identifier: node.name });
        if (!reads.includes(node.name)) reads.push(node.name);
        return { type: scope[slot]!.choices ? 'choice' : 'number', run: (s) => s[slot]!, constant: false, node };
      }
      case 'unary': {
        const operand = walk(node.operand);
        if (node.op === '!') {
          const f = want(operand, 'condition', "'!'");
          return fold(node, 'condition', (s) => 1 - f(s), [operand]);
        }
        const f = want(operand, 'number', `unary '${node.op}'`);
        return fold(node, 'number', node.op === '-' ? (s) => -f(s) : f, [operand]);
      }
      case 'call': {
        const spec = FUNCTIONS[node.name];
        if (!spec) return fail(node, `unknown function '${node.name}' (functions: ${Object.keys(FUNCTIONS).join(', ')})`, { identifier: node.name });
        if (node.args.length < spec.min || node.args.length > spec.max) {
          fail(node, `${node.name}() takes ${spec.min === spec.max ? spec.min : `${spec.min} or more`} argument${spec.max === 1 ? '' : 's'}, got ${node.args.length}`);
        }
        const args = node.args.map(walk);
        const fs = args.map((a) => want(a, 'number', `${node.name}()`));
        const fn = spec.fn;
        const run: Evaluator = fs.length === 1 ? (s) => fn(fs[0]!(s)) : fs.length === 2 ? (s) => fn(fs[0]!(s), fs[1]!(s)) : (s) => fn(...fs.map((f) => f(s)));
        return fold(node, 'number', run, args);
      }
      case 'binary': return binary(node);
    }
  };

  const binary = (node: Extract<ExpressionNode, { kind: 'binary' }>): Typed => {
    const left = walk(node.left);
    const right = walk(node.right);
    const parts = [left, right];
    switch (node.op) {
      case '+': case '-': case '*': case '/': {
        const a = want(left, 'number', `'${node.op}'`);
        const b = want(right, 'number', `'${node.op}'`);
        const run: Evaluator =
          node.op === '+' ? (s) => a(s) + b(s) : node.op === '-' ? (s) => a(s) - b(s) : node.op === '*' ? (s) => a(s) * b(s) : (s) => a(s) / b(s);
        return fold(node, 'number', run, parts);
      }
      case '<': case '<=': case '>': case '>=': {
        const a = want(left, 'number', `'${node.op}'`);
        const b = want(right, 'number', `'${node.op}'`);
        const test = RELATIONS[node.op];
        return fold(node, 'condition', (s) => known(a(s), b(s), test), parts);
      }
      case '==': case '!=': {
        const negate = node.op === '!=';
        const choice = choiceComparison(left, right) ?? choiceComparison(right, left);
        if (choice) return fold(node, 'condition', negate ? (s) => 1 - choice(s) : choice, parts);
        const type = left.type === 'condition' ? 'condition' : 'number';
        const a = want(left, type, `'${node.op}'`);
        const b = want(right, type, `'${node.op}'`);
        return fold(node, 'condition', (s) => known(a(s), b(s), negate ? (x, y) => x !== y : (x, y) => x === y), parts);
      }
      case '&&': case '||': {
        const a = want(left, 'condition', `'${node.op}'`);
        const b = want(right, 'condition', `'${node.op}'`);
        const run: Evaluator = node.op === '&&' ? (s) => and(a(s), b(s)) : (s) => 1 - and(1 - a(s), 1 - b(s));
        return fold(node, 'condition', run, parts);
      }
    }
  };

  /** `ma == 'ema'` compares the slot (an index into the choices) with the index of 'ema'. */
  const choiceComparison = (param: Typed, text: Typed): Evaluator | null => {
    if (param.type !== 'choice' || text.type !== 'text' || param.node.kind !== 'identifier' || text.node.kind !== 'text') return null;
    const choices = scope[slots.get(param.node.name)!]!.choices!;
    const index = choices.indexOf(text.node.value);
    if (index < 0) fail(text.node, `'${text.node.value}' is not a choice of ${param.node.name} (${choices.map((c) => `'${c}'`).join(', ')})`);
    const read = param.run;
    return (s) => { const v = read(s); return v === v ? (v === index ? 1 : 0) : NaN; };
  };

  const top = walk(tree);
  if (top.type !== 'number' && top.type !== 'condition') want(top, 'number', 'the expression');
  if (expected && top.type !== expected) {
    fail(tree, expected === 'condition' ? 'a constraint must be a condition such as maxDrawdown < 0.25' : 'a formula must give a number, not a condition');
  }
  return { source, type: top.type as ExpressionType, reads, evaluate: top.run };
}

const RELATIONS = {
  '<': (x: number, y: number) => x < y,
  '<=': (x: number, y: number) => x <= y,
  '>': (x: number, y: number) => x > y,
  '>=': (x: number, y: number) => x >= y,
} as const;

/** A comparison is unknown (NaN) when either side is undefined (NaN), else 1 or 0. */
function known(x: number, y: number, test: (x: number, y: number) => boolean): number {
  if (x !== x || y !== y) return NaN;
  return test(x, y) ? 1 : 0;
}

/** Three-valued AND: false wins over unknown, unknown over true. `||` is its De Morgan dual. */
function and(x: number, y: number): number {
  if (x === 0 || y === 0) return 0;
  if (x !== x || y !== y) return NaN;
  return 1;
}

function unknownName(name: string, scope: readonly ExpressionVariable[]): string {
  const names = scope.map((v) => v.name);
  const close = names.filter((n) => editDistance(n.toLowerCase(), name.toLowerCase()) <= 2);
  const hint = close.length > 0 ? `; did you mean ${close.map((n) => `'${n}'`).join(' or ')}?` : '';
  return `unknown name '${name}'${hint} (known: ${names.join(', ')})`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
