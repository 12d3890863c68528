import { describe, expect, it } from 'vitest';
import { bestSoFar, type SearchPoint } from '../../../../src-renderer/pages/optimize/plots/best-so-far.ts';

// In evaluation order: 1.0, —, 0.8, 1.5, 2.0, 1.2, —; given shuffled.
const POINTS: SearchPoint[] = [
  { seq: 3, objective: 1.5 },
  { seq: 0, objective: 1.0 },
  { seq: 6, objective: null },
  { seq: 2, objective: 0.8 },
  { seq: 5, objective: 1.2 },
  { seq: 1, objective: null },
  { seq: 4, objective: 2.0 },
];

describe('bestSoFar', () => {
  it('sorts the evaluations by seq', () => {
    expect(bestSoFar(POINTS, 'maximize').points.map((p) => p.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('steps up at each new maximum and runs flat to the last evaluation', () => {
    const model = bestSoFar(POINTS, 'maximize');
    expect(model.steps).toEqual([
      { seq: 0, best: 1.0 },
      { seq: 3, best: 1.0 },
      { seq: 3, best: 1.5 },
      { seq: 4, best: 1.5 },
      { seq: 4, best: 2.0 },
      { seq: 6, best: 2.0 },
    ]);
    expect(model.final).toBe(2.0);
  });

  it('steps down at each new minimum when minimizing', () => {
    const model = bestSoFar(POINTS, 'minimize');
    expect(model.steps).toEqual([
      { seq: 0, best: 1.0 },
      { seq: 2, best: 1.0 },
      { seq: 2, best: 0.8 },
      { seq: 6, best: 0.8 },
    ]);
    expect(model.final).toBe(0.8);
  });

  it('starts the line at the first evaluation with a value and does not step on a tie', () => {
    const model = bestSoFar(
      [
        { seq: 0, objective: null },
        { seq: 1, objective: 3 },
        { seq: 2, objective: 3 },
      ],
      'maximize',
    );
    expect(model.steps).toEqual([
      { seq: 1, best: 3 },
      { seq: 2, best: 3 },
    ]);
  });

  it('spans the y axis over the values, nulls left out', () => {
    // 0.8..2.0 in at most 4 intervals: steps 0.1 and 0.2 need 12 and 6, 0.5 needs 3 (0.5..2).
    expect(bestSoFar(POINTS, 'maximize').yScale.ticks).toEqual([0.5, 1, 1.5, 2]);
  });

  it('gives flat data an axis around its one value', () => {
    const model = bestSoFar([0, 1, 2].map((seq) => ({ seq, objective: 0.5 })), 'maximize');
    expect(model.yScale.ticks).toEqual([0.45, 0.5, 0.55]);
  });

  it('has no line, no best and a 0..1 axis when no evaluation has a value', () => {
    const model = bestSoFar([{ seq: 0, objective: null }], 'maximize');
    expect(model.steps).toEqual([]);
    expect(model.final).toBeNull();
    expect(model.yScale.ticks).toEqual([0, 0.5, 1]);
  });

  it('labels the evaluation axis in whole evaluations', () => {
    // seq 0..6 in at most 5 intervals: step 1 needs 6, step 2 needs 3.
    expect(bestSoFar(POINTS, 'maximize').xScale.ticks).toEqual([0, 2, 4, 6]);
    expect(bestSoFar([{ seq: 0, objective: 1 }], 'maximize').xScale.ticks).toEqual([0, 1]);
  });

  it('draws every evaluation as a dot up to 2,000, then every k-th one', () => {
    const few = bestSoFar(Array.from({ length: 2000 }, (_, seq) => ({ seq, objective: seq })), 'maximize');
    expect(few.dots).toHaveLength(2000);
    // 5,000 evaluations: a stride of ceil(5000 / 2000) = 3 keeps seq 0, 3, …, 4998: 1,667 dots.
    const many = bestSoFar(Array.from({ length: 5000 }, (_, seq) => ({ seq, objective: seq % 7 })), 'maximize');
    expect(many.dots).toHaveLength(1667);
    expect(many.dots[1]).toEqual({ seq: 3, objective: 3 });
    expect(many.dots.at(-1)).toEqual({ seq: 4998, objective: 4998 % 7 });
    // The line still follows the first improvements: 0 → 1 → … → 6 over seq 0..6.
    expect(many.final).toBe(6);
  });
});
