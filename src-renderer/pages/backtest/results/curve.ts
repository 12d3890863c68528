/** One line over time: an equity curve, a benchmark, a drawdown. */
export interface Curve {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly time: Float64Array;
  readonly values: Float64Array;
  /** Scales each value before drawing (100 for a fraction shown in percent). */
  readonly scale?: number;
  readonly dashed?: boolean;
}
