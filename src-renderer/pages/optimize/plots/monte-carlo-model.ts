import type { MonteCarloReport, Percentiles } from '../../../../src-shared/domain/safeguards.ts';
import { niceScale, type NiceScale } from '../../../ui/plot/nice-ticks.ts';

/** One resampling scheme's box: whiskers p5–p95, box p25–p75, line at p50, in the panel's unit. */
export interface SchemeBox {
  scheme: 'reshuffle' | 'bootstrap';
  label: string;
  box: Percentiles;
  simulations: number;
  probabilityOfRuin: number;
}

export interface BoxPanel {
  title: string;
  /** The dashed reference: the initial equity, or 0 drawdown. */
  reference: number;
  referenceTitle: string;
  boxes: SchemeBox[];
  /** Encloses every percentile and the reference. */
  scale: NiceScale;
}

export interface MonteCarloModel {
  finalEquity: BoxPanel;
  /** Drawdowns in percent (−12.5 for a fraction of −0.125), so the axis ticks read as percent. */
  maxDrawdown: BoxPanel;
}

const SCHEMES = [
  ['reshuffle', 'Reshuffle'],
  ['bootstrap', 'Bootstrap'],
] as const;

const MAX_INTERVALS = 5;

/** The two box-plot panels of the Monte Carlo safeguard: final equity and maximum drawdown. */
export function monteCarloPanels(report: MonteCarloReport): MonteCarloModel {
  const boxesOf = (pick: (s: MonteCarloReport['reshuffle']) => Percentiles, factor: number): SchemeBox[] =>
    SCHEMES.map(([scheme, label]) => {
      const summary = report[scheme];
      return { scheme, label, box: scalePercentiles(pick(summary), factor), simulations: summary.simulations, probabilityOfRuin: summary.probabilityOfRuin };
    });
  const equityBoxes = boxesOf((s) => s.finalEquity, 1);
  const drawdownBoxes = boxesOf((s) => s.maxDrawdown, 100);
  return {
    finalEquity: panel('Final equity', report.initialEquity, 'Initial equity', equityBoxes),
    maxDrawdown: panel('Max drawdown (%)', 0, 'No drawdown', drawdownBoxes),
  };
}

function panel(title: string, reference: number, referenceTitle: string, boxes: SchemeBox[]): BoxPanel {
  const values = [reference, ...boxes.flatMap((b) => Object.values(b.box))];
  return { title, reference, referenceTitle, boxes, scale: niceScale(Math.min(...values), Math.max(...values), MAX_INTERVALS) };
}

/** Percentiles times `factor`; + 0 turns −0 (a zero drawdown × 100) into 0 so it never reads "−0". */
export function scalePercentiles(p: Percentiles, factor: number): Percentiles {
  return { p5: p.p5 * factor + 0, p25: p.p25 * factor + 0, p50: p.p50 * factor + 0, p75: p.p75 * factor + 0, p95: p.p95 * factor + 0 };
}
