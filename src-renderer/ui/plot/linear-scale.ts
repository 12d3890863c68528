/**
 * A linear map from a data domain onto a pixel range (either may be reversed, as the y axis of an
 * SVG is). A zero-width domain maps everything to the middle of the range instead of dividing by 0.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d0 === d1) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}
