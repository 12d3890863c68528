import { AppFailure } from '../../src-shared/contract/errors.ts';

/**
 * The syntax of objective formulas and constraints (docs/optimization.md): numbers (`0.25`, `1e-3`,
 * `25%` = 0.25), identifiers, 'text' for a choice parameter's value, `+ - * /`, unary `-` and `!`,
 * parentheses, comparisons `< <= > >= == !=`, `&&` `||`, and calls `abs(x)`, `min(a, b, …)`.
 * Parsed by precedence climbing into a small tree; nothing is ever handed to `eval`.
 */
export type ExpressionNode =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'text'; value: string; pos: number }
  | { kind: 'identifier'; name: string; pos: number }
  | { kind: 'unary'; op: '-' | '+' | '!'; operand: ExpressionNode; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: ExpressionNode; right: ExpressionNode; pos: number }
  | { kind: 'call'; name: string; args: ExpressionNode[]; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';

/** An expression the user wrote that cannot be used; `position` is the 0-based offset of the problem. */
export class ExpressionError extends AppFailure {
  readonly position: number;
  constructor(source: string, position: number, problem: string, extra: Record<string, unknown> = {}) {
    super('VALIDATION_FAILED', `"${source}", column ${position + 1}: ${problem}`, { expression: source, position, ...extra });
    this.name = 'ExpressionError';
    this.position = position;
  }
}

type Token =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'text'; value: string; pos: number }
  | { kind: 'identifier'; name: string; pos: number }
  | { kind: 'op'; op: string; pos: number }
  | { kind: 'end'; pos: number };

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '<', '>', '+', '-', '*', '/', '!', '(', ')', ','];
/** Binding power of each binary operator: higher binds tighter. */
const PRECEDENCE: Record<BinaryOp, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };
const COMPARISONS = new Set<string>(['<', '<=', '>', '>=', '==', '!=']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      let value = Number(number[0]);
      let length = number[0].length;
      // `25%` is how a trader writes a quarter; there is no modulo operator to confuse it with.
      if (source[i + length] === '%') { value /= 100; length++; }
      tokens.push({ kind: 'number', value, pos: i });
      i += length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: 'identifier', name: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(source, i, 'unterminated text (missing closing quote)');
      tokens.push({ kind: 'text', value: source.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', op, pos: i });
      i += op.length;
      continue;
    }
    const hint = c === '=' ? " (use == to compare)" : c === '&' ? ' (use &&)' : c === '|' ? ' (use ||)' : '';
    throw new ExpressionError(source, i, `unexpected character '${c}'${hint}`);
  }
  tokens.push({ kind: 'end', pos: source.length });
  return tokens;
}

/** Parses one expression; an ExpressionError names the column of the first problem. */
export function parseExpression(source: string): ExpressionNode {
  const tokens = tokenize(source);
  let at = 0;
  // Sub-expressions the user put in parentheses: `(a < b) == (c < d)` is deliberate, `a < b < c` is not.
  const grouped = new WeakSet<ExpressionNode>();
  const peek = () => tokens[at]!;
  const isOp = (t: Token, op: string) => t.kind === 'op' && t.op === op;
  const describe = (t: Token) =>
    t.kind === 'end' ? 'the end' : t.kind === 'op' ? `'${t.op}'` : t.kind === 'number' ? `the number ${t.value}` : t.kind === 'text' ? `'${t.value}'` : `'${t.name}'`;
  const expect = (op: string) => {
    const t = peek();
    if (!isOp(t, op)) throw new ExpressionError(source, t.pos, `expected '${op}' but found ${describe(t)}`);
    at++;
  };

  const primary = (): ExpressionNode => {
    const t = tokens[at++]!;
    switch (t.kind) {
      case 'number': return { kind: 'number', value: t.value, pos: t.pos };
      case 'text': return { kind: 'text', value: t.value, pos: t.pos };
      case 'identifier': {
        if (!isOp(peek(), '(')) return { kind: 'identifier', name: t.name, pos: t.pos };
        at++;
        const args: ExpressionNode[] = [];
        if (!isOp(peek(), ')')) {
          do args.push(binary(0)); while (isOp(peek(), ',') && ++at);
        }
        expect(')');
        return { kind: 'call', name: t.name, args, pos: t.pos };
      }
      case 'op':
        if (t.op === '(') {
          const inner = binary(0);
          expect(')');
          grouped.add(inner);
          return inner;
        }
        if (t.op === '-' || t.op === '+' || t.op === '!') return { kind: 'unary', op: t.op, operand: primary(), pos: t.pos };
        throw new ExpressionError(source, t.pos, `expected a number, a name or '(' but found ${describe(t)}`);
      case 'end':
        throw new ExpressionError(source, t.pos, 'the expression ends too early');
    }
  };

  const binary = (minPrecedence: number): ExpressionNode => {
    let left = primary();
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || !(t.op in PRECEDENCE)) return left;
      const op = t.op as BinaryOp;
      const precedence = PRECEDENCE[op];
      if (precedence <= minPrecedence) return left;
      at++;
      const right = binary(precedence);
      // `a < b < c` means something else in every language; make the user say which.
      const bare = (n: ExpressionNode) => isComparison(n) && !grouped.has(n);
      if (COMPARISONS.has(op) && (bare(left) || bare(right))) {
        throw new ExpressionError(source, t.pos, `comparisons do not chain; write 'a < b && b < c'`);
      }
      left = { kind: 'binary', op, left, right, pos: t.pos };
    }
  };

  if (source.trim() === '') throw new ExpressionError(source, 0, 'the expression is empty');
  const tree = binary(0);
  const rest = peek();
  if (rest.kind !== 'end') throw new ExpressionError(source, rest.pos, `unexpected ${describe(rest)} after a complete expression`);
  return tree;
}

function isComparison(node: ExpressionNode): boolean {
  return node.kind === 'binary' && COMPARISONS.has(node.op);
}

/** Every identifier the expression reads (not function names), in order of first appearance. */
export function identifiersOf(node: ExpressionNode, into: string[] = []): string[] {
  switch (node.kind) {
    case 'identifier': if (!into.includes(node.name)) into.push(node.name); break;
    case 'unary': identifiersOf(node.operand, into); break;
    case 'binary': identifiersOf(node.left, into); identifiersOf(node.right, into); break;
    case 'call': for (const arg of node.args) identifiersOf(arg, into); break;
    default: break;
  }
  return into;
}
