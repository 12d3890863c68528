// `npm run bench`: measures the figures the issues name, each beside a baseline measured in the
// same run where one exists, prints a table and writes bench/results.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBacktest } from './backtest.bench.ts';
import { benchBarStore } from './bar-store.bench.ts';
import { benchCsvImport } from './csv-import.bench.ts';
import { benchIndicators } from './indicators.bench.ts';
import { benchLive } from './live.bench.ts';
import { benchOptimize } from './optimize.bench.ts';
import type { BenchResult } from './measure.ts';

const work = join(tmpdir(), `candlewick-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const results: BenchResult[] = [];
try {
  results.push(...benchBarStore(work));
  results.push(...benchCsvImport(work));
  results.push(...benchIndicators());
  results.push(...benchBacktest());
  results.push(...benchLive());
  results.push(...(await benchOptimize()));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad('benchmark', 44)}${pad('value', 21)}${pad('target', 16)}${pad('baseline', 21)}ok`);
for (const r of results) {
  const value = `${fmt(r.value)} ${r.unit}`;
  const base = r.baseline === undefined ? '' : `${fmt(r.baseline)} ${r.unit}`;
  console.log(`${pad(r.name, 44)}${pad(value, 21)}${pad(r.target ?? '', 16)}${pad(base, 21)}${r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'}`);
}
const file = new URL('./results.json', import.meta.url);
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, results }, null, 2)}\n`,
);
console.log(`\nwritten ${file.pathname}`);
if (results.some((r) => r.pass === false)) process.exitCode = 1;

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);
}
