import type { Timeframe } from '../src-shared/domain/timeframe.ts';
import { generateBars } from '../src-workers/bars/demo-data.ts';
import { detectFormat, parseFile } from '../src-workers/import/index.ts';
import { timeOnce, type BenchResult } from './measure.ts';

const ROWS = 1_000_000;

/** CSV parsing throughput on a generated 1,000,000-row generic file (what an import's worker does). */
export function benchCsvImport(_work: string): BenchResult[] {
  const bars = generateBars({
    seed: 11, start: Date.UTC(2021, 0, 1), count: ROWS, timeframe: '1m' as Timeframe,
    startPrice: 50, annualVolatility: 0.2, annualDrift: 0, session: 'always',
  });
  const lines = ['Date,Open,High,Low,Close,Volume'];
  for (let i = 0; i < ROWS; i++) {
    const t = new Date(bars.time[i]!).toISOString().slice(0, 19).replace('T', ' ');
    lines.push(`${t},${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]},${bars.volume[i]}`);
  }
  const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
  const detection = detectFormat(bytes, 'bench-1m.csv');
  if (!detection.options) throw new Error('bench file not recognised');
  const parsed = timeOnce(() => parseFile(bytes, detection.options!));
  if (parsed.value.bars.time.length !== ROWS) throw new Error(`parsed ${parsed.value.bars.time.length} bars`);
  return [
    { name: `CSV parse ${(bytes.byteLength / 1e6).toFixed(0)} MB, 1M rows`, value: parsed.ms, unit: 'ms' },
    { name: 'CSV parse throughput', value: ROWS / (parsed.ms / 1000), unit: 'rows/s' },
  ];
}
