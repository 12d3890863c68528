import type { PortfolioRunDetail } from '../../../../src-shared/contract/portfolio.contract.ts';
import type { Curve } from '../results/curve.ts';

export const SYMBOL_COLORS = ['#4dabf7', '#fab005', '#12b886', '#e64980', '#7950f2', '#fd7e14', '#15aabf', '#82c91e', '#f06595', '#94d82d'];

/** One weight curve per instrument (percent of equity at each close), from the time-major matrix. */
export function weightCurves(run: Pick<PortfolioRunDetail, 'symbols' | 'time' | 'weights'>): Curve[] {
  const k = run.symbols.length;
  const n = run.time.length;
  return run.symbols.map((symbol, j) => {
    const values = new Float64Array(n);
    for (let t = 0; t < n; t++) values[t] = run.weights[t * k + j]!;
    return { id: symbol, label: symbol, color: SYMBOL_COLORS[j % SYMBOL_COLORS.length]!, time: run.time, values, scale: 100 };
  });
}
