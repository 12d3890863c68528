import { QualityConfigSchema, type QualityConfig } from '../../../src-shared/domain/quality.ts';

/**
 * The Rules drawer's form: the quality thresholds a trader tunes, with the price-jump percent
 * shown as a percent (8) rather than the stored fraction (0.08). What the drawer does not show
 * (the scale floors, freshness's bar period) is carried through unchanged.
 */

type Num = number | '';

export interface RulesForm {
  priceJumpEnabled: boolean;
  priceJumpPercent: Num;
  priceJumpZ: Num;
  priceJumpWindow: Num;
  priceJumpMinHistory: Num;
  volumeSpikeEnabled: boolean;
  volumeSpikeZ: Num;
  volumeSpikeWindow: Num;
  volumeSpikeMinHistory: Num;
  maxStaleBars: Num;
}

export type RulesErrors = Partial<Record<keyof RulesForm, string>>;

/** A fraction as a percent without binary noise: 0.07 → 7 (not 7.000000000000001). */
export function toPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

export function rulesForm(config: QualityConfig): RulesForm {
  return {
    priceJumpEnabled: config.priceJump.enabled,
    priceJumpPercent: toPercent(config.priceJump.minPercent),
    priceJumpZ: config.priceJump.minRobustZ,
    priceJumpWindow: config.priceJump.window,
    priceJumpMinHistory: config.priceJump.minHistory,
    volumeSpikeEnabled: config.volumeSpike.enabled,
    volumeSpikeZ: config.volumeSpike.minRobustZ,
    volumeSpikeWindow: config.volumeSpike.window,
    volumeSpikeMinHistory: config.volumeSpike.minHistory,
    maxStaleBars: config.freshness.maxStaleBars,
  };
}

/** Schema paths → form fields, so a refusal lands under its box. */
const FIELD_OF_PATH: Record<string, keyof RulesForm> = {
  'priceJump.minPercent': 'priceJumpPercent',
  'priceJump.minRobustZ': 'priceJumpZ',
  'priceJump.window': 'priceJumpWindow',
  'priceJump.minHistory': 'priceJumpMinHistory',
  'volumeSpike.minRobustZ': 'volumeSpikeZ',
  'volumeSpike.window': 'volumeSpikeWindow',
  'volumeSpike.minHistory': 'volumeSpikeMinHistory',
  'freshness.maxStaleBars': 'maxStaleBars',
};

/** Accepts a path with or without the `config.` prefix of the saveConfig input. */
export function rulesFieldOf(path: string): keyof RulesForm | null {
  return FIELD_OF_PATH[path.replace(/^config\./, '')] ?? null;
}

/** The form applied over `base` (the config as loaded), validated by the shared schema. */
export function toQualityConfig(form: RulesForm, base: QualityConfig): { config: QualityConfig; errors: null } | { config: null; errors: RulesErrors } {
  const errors: RulesErrors = {};
  const numeric = (Object.keys(form) as (keyof RulesForm)[]).filter((k) => typeof form[k] !== 'boolean');
  for (const key of numeric) if (form[key] === '') errors[key] = 'Enter a number';
  const n = (v: Num) => (v === '' ? Number.NaN : v);
  const candidate = {
    priceJump: {
      ...base.priceJump,
      enabled: form.priceJumpEnabled,
      minPercent: n(form.priceJumpPercent) / 100,
      minRobustZ: n(form.priceJumpZ),
      window: n(form.priceJumpWindow),
      minHistory: n(form.priceJumpMinHistory),
    },
    volumeSpike: {
      ...base.volumeSpike,
      enabled: form.volumeSpikeEnabled,
      minRobustZ: n(form.volumeSpikeZ),
      window: n(form.volumeSpikeWindow),
      minHistory: n(form.volumeSpikeMinHistory),
    },
    freshness: { ...base.freshness, maxStaleBars: n(form.maxStaleBars) },
  };
  const parsed = QualityConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = rulesFieldOf(issue.path.join('.'));
      if (field) errors[field] ??= issue.message;
    }
  }
  // A window shorter than the history it must hold could never call anything unusual.
  if (form.priceJumpWindow !== '' && form.priceJumpMinHistory !== '' && form.priceJumpMinHistory > form.priceJumpWindow) {
    errors.priceJumpMinHistory ??= 'Must not exceed the window';
  }
  if (form.volumeSpikeWindow !== '' && form.volumeSpikeMinHistory !== '' && form.volumeSpikeMinHistory > form.volumeSpikeWindow) {
    errors.volumeSpikeMinHistory ??= 'Must not exceed the window';
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { config: null, errors };
  return { config: parsed.data, errors: null };
}
