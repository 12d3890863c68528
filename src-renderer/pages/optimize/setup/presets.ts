import type { OptimizeForm } from './optimize-form.ts';

/** The search part of a setup: what a preset holds (never the instrument, dates or costs). */
export type SearchValues = Pick<OptimizeForm, 'method' | 'budget' | 'objective' | 'constraints' | 'walkForward'> &
  Partial<Pick<OptimizeForm, 'strategyId' | 'ranges' | 'seed'>>;

export interface Preset {
  readonly name: string;
  readonly builtin: boolean;
  readonly values: SearchValues;
}

const OFF = { enabled: false, inSample: 1000, outOfSample: 250, anchored: false };

/** Starting points a trader reaches for; saved presets of the user's own come after them. */
export const BUILTIN_PRESETS: readonly Preset[] = [
  { name: 'Full grid · Sharpe', builtin: true, values: { method: 'grid', budget: 500, objective: 'sharpe', constraints: '', walkForward: OFF } },
  {
    name: 'Genetic · Sharpe, 30+ trades, drawdown under 25 %',
    builtin: true,
    values: { method: 'genetic', budget: 300, objective: 'sharpe', constraints: 'tradeCount >= 30\nmaxDrawdown < 0.25', walkForward: OFF },
  },
  { name: 'Random scan · Calmar', builtin: true, values: { method: 'random', budget: 200, objective: 'calmar', constraints: '', walkForward: OFF } },
  {
    name: 'Walk-forward · genetic, Sharpe',
    builtin: true,
    values: { method: 'genetic', budget: 150, objective: 'sharpe', constraints: 'tradeCount >= 10', walkForward: { enabled: true, inSample: 1000, outOfSample: 250, anchored: false } },
  },
];

/** What a saved preset keeps of the form: the whole search, with the strategy its ranges belong to. */
export function searchValues(form: OptimizeForm): SearchValues {
  const { method, budget, objective, constraints, walkForward, strategyId, ranges, seed } = form;
  return { method, budget, objective, constraints, walkForward, strategyId, ranges, seed };
}

/** A preset applied: its search replaces the form's; its ranges only when they belong to the chosen strategy. */
export function applyPreset(form: OptimizeForm, values: SearchValues): OptimizeForm {
  const { strategyId, ranges, seed, ...search } = values;
  const next: OptimizeForm = { ...form, ...search, walkForward: { ...search.walkForward } };
  if (seed !== undefined) next.seed = seed;
  if (strategyId && ranges && strategyId === form.strategyId) next.ranges = ranges;
  return next;
}

const KEY = 'candlewick.optimize.presets';

export function loadUserPresets(): Preset[] {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(saved) ? saved.filter((p): p is Preset => typeof p?.name === 'string' && typeof p?.values === 'object').map((p) => ({ ...p, builtin: false })) : [];
  } catch {
    return [];
  }
}

export function saveUserPresets(presets: readonly Preset[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(presets));
  } catch {
    // Storage full or disabled: the preset lives until the page reloads.
  }
}
