import type { ResultRow } from '../../../../src-shared/contract/optimize.contract.ts';

/**
 * Every evaluated set as CSV (RFC 4180): window, evaluation order, each parameter, the objective,
 * feasibility with the broken constraints, the error, then every metric stored — numbers in full
 * precision, so a spreadsheet reproduces the ranking exactly.
 */
export function resultsCsv(rows: readonly ResultRow[], objective: string): string {
  const params = union(rows.map((r) => Object.keys(r.params)));
  const metrics = union(rows.map((r) => Object.keys(r.metrics)));
  const header = ['window', 'seq', ...params, `objective (${objective})`, 'feasible', 'violations', 'error', ...metrics];
  const lines = [header.map(cell).join(',')];
  for (const r of rows) {
    lines.push(
      [r.window, r.seq, ...params.map((p) => r.params[p]), r.objective, r.feasible, r.violations.join('; '), r.error, ...metrics.map((m) => r.metrics[m])].map(cell).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Names in the order first seen, so parameters keep the strategy's declaration order. */
function union(lists: readonly string[][]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const name of list) seen.add(name);
  return [...seen];
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A safe file name for the export: `optimization-ORCL-1d-sma-cross-opt_abc.csv`. */
export function csvFileName(parts: readonly string[]): string {
  return `${parts.map((p) => p.replace(/[^A-Za-z0-9_.-]+/g, '-')).join('-')}.csv`;
}
