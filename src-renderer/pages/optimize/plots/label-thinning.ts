/**
 * Keeping axis and marker labels from overlapping. Whatever is left unlabelled still has its own
 * tooltip, so thinning loses no information.
 */

/** Label every n-th of evenly spaced bands `band` apart so labels stand at least `minSpacing` apart. */
export function labelEvery(band: number, minSpacing: number): number {
  if (!(band > 0)) return 1;
  return Math.max(1, Math.ceil(minSpacing / band - 1e-9));
}

/**
 * Indexes of the positions (ascending) to label, greedily from the first, skipping any closer than
 * `minGap` to the last one labelled: window numbers over a walk-forward with many short windows.
 */
export function spacedIndexes(positions: readonly number[], minGap: number): number[] {
  const kept: number[] = [];
  let last = -Infinity;
  positions.forEach((p, i) => {
    if (p - last >= minGap) {
      kept.push(i);
      last = p;
    }
  });
  return kept;
}

/** At most `maxChars` characters, the cut marked with an ellipsis (a long string choice on an axis). */
export function truncateLabel(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}
