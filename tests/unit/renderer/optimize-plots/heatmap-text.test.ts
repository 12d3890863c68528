import { describe, expect, it } from 'vitest';
import { goodness, rampColour } from '../../../../src-renderer/pages/optimize/plots/colour-ramp.ts';
import { moveFocus } from '../../../../src-renderer/pages/optimize/plots/heatmap-layout.ts';
import { cellTitle } from '../../../../src-renderer/pages/optimize/plots/heatmap-text.ts';
import { labelEvery, spacedIndexes, truncateLabel } from '../../../../src-renderer/pages/optimize/plots/label-thinning.ts';
import { formatObjective, formatParamValue, formatPercentValue } from '../../../../src-renderer/pages/optimize/plots/plot-format.ts';

describe('cellTitle', () => {
  const base = { x: 10, y: 135, bestParams: null };

  it('names the cell, its best objective and how many sets it holds', () => {
    expect(cellTitle({ ...base, best: 0.53, count: 3 }, 'fast', 'slow', 'sharpe')).toBe('fast 10 · slow 135 · sharpe 0.530 (3 sets)');
    expect(cellTitle({ ...base, best: -1.25, count: 1 }, 'fast', 'slow', 'sharpe')).toBe('fast 10 · slow 135 · sharpe \u22121.250 (1 set)');
  });

  it('says when no set in the cell had a value, and when the search never got there', () => {
    expect(cellTitle({ ...base, best: null, count: 2 }, 'fast', 'slow', 'sharpe')).toBe('fast 10 · slow 135 · sharpe — (2 sets, none feasible with a value)');
    expect(cellTitle({ ...base, best: null, count: 0 }, 'fast', 'slow', 'sharpe')).toBe('fast 10 · slow 135 · not evaluated');
  });
});

describe('formatting', () => {
  it('writes parameter values without binary noise', () => {
    expect(formatParamValue(0.1 + 0.2)).toBe('0.3');
    expect(formatParamValue(135)).toBe('135');
    expect(formatParamValue(-2.5)).toBe('\u22122.5');
    expect(formatParamValue('ema')).toBe('ema');
  });

  it('writes objectives with three decimals, large ones whole', () => {
    expect(formatObjective(0.53)).toBe('0.530');
    expect(formatObjective(12345.678)).toBe('12346');
    expect(formatObjective(-0.0001)).toBe('0.000');
    expect(formatObjective(null)).toBe('—');
  });

  it('writes percentages with a true minus and never −0', () => {
    expect(formatPercentValue(-12.5)).toBe('\u221212.5 %');
    expect(formatPercentValue(3)).toBe('3.0 %');
    expect(formatPercentValue(-0.01)).toBe('0.0 %');
  });
});

describe('colour ramp', () => {
  it('runs from dark purple to bright yellow through the stops', () => {
    expect(rampColour(0)).toBe('rgb(68, 1, 84)');
    expect(rampColour(1)).toBe('rgb(253, 231, 37)');
    expect(rampColour(0.2)).toBe('rgb(65, 68, 135)');
    // Halfway between stops 2 (#2a788e) and 3 (#22a884): (42+34)/2, (120+168)/2, (142+132)/2.
    expect(rampColour(0.5)).toBe('rgb(38, 144, 137)');
  });

  it('clamps outside [0, 1]', () => {
    expect(rampColour(-3)).toBe('rgb(68, 1, 84)');
    expect(rampColour(7)).toBe('rgb(253, 231, 37)');
  });

  it('puts the best value at the bright end in both directions', () => {
    const range = { min: -1, max: 3 };
    expect(goodness(3, range, 'maximize')).toBe(1);
    expect(goodness(0, range, 'maximize')).toBe(0.25);
    expect(goodness(-1, range, 'minimize')).toBe(1);
    expect(goodness(0, range, 'minimize')).toBe(0.75);
    expect(goodness(2, { min: 2, max: 2 }, 'maximize')).toBe(0.5);
  });
});

describe('label thinning', () => {
  it('labels every n-th band so labels stand far enough apart', () => {
    // 37 slow values over 166 units: bands of 4.486…, labels 12 apart → every 3rd.
    expect(labelEvery(166 / 37, 12)).toBe(3);
    expect(labelEvery(30, 12)).toBe(1);
    expect(labelEvery(6, 12)).toBe(2);
  });

  it('skips markers too close to the last one kept', () => {
    expect(spacedIndexes([0, 5, 12, 13, 30], 10)).toEqual([0, 2, 4]);
  });

  it('cuts long labels with an ellipsis', () => {
    expect(truncateLabel('triple-ema', 7)).toBe('triple…');
    expect(truncateLabel('ema', 7)).toBe('ema');
  });
});

describe('moveFocus', () => {
  it('moves with the arrows, up raising y, and stops at the edges', () => {
    expect(moveFocus([1, 1], 'ArrowUp', 3, 3)).toEqual([1, 2]);
    expect(moveFocus([1, 1], 'ArrowDown', 3, 3)).toEqual([1, 0]);
    expect(moveFocus([2, 0], 'ArrowRight', 3, 3)).toEqual([2, 0]);
    expect(moveFocus([0, 0], 'ArrowLeft', 3, 3)).toEqual([0, 0]);
    expect(moveFocus([1, 2], 'End', 3, 3)).toEqual([2, 2]);
    expect(moveFocus([1, 2], 'x', 3, 3)).toBeNull();
  });
});
