import type { BarWindow } from '../data/bar-window.ts';

/** What `indicators.compute` answers, as far as patching needs it. */
export interface ComputedValues {
  readonly time: ArrayLike<number>;
  readonly results: readonly { readonly key: string; readonly outputs: Readonly<Record<string, ArrayLike<number>>> }[];
}

/**
 * Live bars arrive without indicator values (the core computes those for replays only), so a
 * closed bar is drawn with a hole in every indicator. Once the core has computed the values at
 * the closed bars' times — exact, over the whole history — they are written into the window at
 * the same bars. Bars the window does not hold, and indicators it no longer shows, are skipped.
 * Returns the keys whose values changed (their series must be redrawn).
 */
export function patchIndicatorValues(window: BarWindow, computed: ComputedValues): string[] {
  const touched = new Set<string>();
  for (let j = 0; j < computed.time.length; j++) {
    const t = computed.time[j]!;
    const index = window.indexAtOrBefore(t);
    if (index < 0 || window.bars[index]!.time !== t) continue;
    for (const result of computed.results) {
      const outputs = window.values.get(result.key);
      if (!outputs) continue;
      for (const [id, column] of outputs) {
        const values = result.outputs[id];
        if (!values || j >= values.length) continue;
        const v = values[j]!;
        if (Object.is(column[index], v)) continue;
        column[index] = v;
        touched.add(result.key);
      }
    }
  }
  return [...touched];
}

/** The range of closed bar times to ask values for, or null when no bar closed. */
export function closedRange(updates: readonly { readonly time: number; readonly closed: boolean }[]): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const u of updates) {
    if (!u.closed) continue;
    from = Math.min(from, u.time);
    to = Math.max(to, u.time);
  }
  return from === Infinity ? null : { from, to };
}
