import type { BarField } from '../../src-shared/domain/bars.ts';

/** The rules, as stable machine codes (a finding's `rule`). */
export const QUALITY_RULES = {
  ohlcIntegrity: 'ohlc-integrity',
  invalidPrice: 'invalid-price',
  invalidVolume: 'invalid-volume',
  timeOrder: 'time-order',
  stale: 'stale',
  priceJump: 'price-jump',
  volumeSpike: 'volume-spike',
  isolationForest: 'isolation-forest',
} as const;
export type QualityRule = (typeof QUALITY_RULES)[keyof typeof QUALITY_RULES];

/** 'error': the bar cannot be true (impossible OHLC, a negative price). 'suspect': statistically unusual. */
export type Severity = 'error' | 'suspect';

/** One thing a rule found about one bar. `field` 'bar' means the bar as a whole (the isolation forest). */
export interface QualityFinding {
  index: number;
  time: number;
  rule: QualityRule;
  severity: Severity;
  field: BarField | 'bar';
  value: number;
  message: string;
}

/** A bar time for messages: the date alone for bars that open at UTC midnight, else the full ISO time. */
export function formatBarTime(time: number): string {
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) return `time ${time}`;
  const iso = new Date(time).toISOString();
  return time % 86_400_000 === 0 ? iso.slice(0, 10) : iso;
}

/** Collects findings and remembers, per bar, whether it has an error or a suspect finding. */
export class FindingLog {
  readonly findings: QualityFinding[] = [];
  /** 1 where the bar has at least one error finding: such bars are kept out of the statistics. */
  readonly hasError: Uint8Array;
  /** 1 where the bar has at least one bar-level suspect finding. */
  readonly hasSuspect: Uint8Array;

  constructor(readonly length: number) {
    this.hasError = new Uint8Array(length);
    this.hasSuspect = new Uint8Array(length);
  }

  add(index: number, time: number, rule: QualityRule, severity: Severity, field: BarField | 'bar', value: number, detail: string): void {
    const message = `${formatBarTime(time)} (bar ${index}): ${detail}`;
    this.findings.push({ index, time, rule, severity, field, value, message });
    if (severity === 'error') this.hasError[index] = 1;
    else if (rule !== QUALITY_RULES.stale) this.hasSuspect[index] = 1;
  }
}

/** Indexes where `flags` is 1 and `unless` (if given) is 0, ascending. */
export function flaggedIndexes(flags: Uint8Array, unless?: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] && !(unless && unless[i])) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] && !(unless && unless[i])) out[k++] = i;
  return out;
}
