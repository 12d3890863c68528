import { describe, expect, it } from 'vitest';
import { qualityRequests } from '../../../../src-shared/contract/quality.contract.ts';
import { DEFAULT_QUALITY_CONFIG, type QualityConfig } from '../../../../src-shared/domain/quality.ts';
import { rulesFieldOf, rulesForm, toPercent, toQualityConfig } from '../../../../src-renderer/pages/quality/rules-form.ts';

describe('the Rules drawer form', () => {
  it('shows the defaults with the jump threshold as a percent (0.08 → 8)', () => {
    // Defaults from docs/data-quality.md: 8 % and z 6 over 63 bars with 20 of history; volume z 6; 3 stale bars.
    expect(rulesForm(DEFAULT_QUALITY_CONFIG)).toEqual({
      priceJumpEnabled: true, priceJumpPercent: 8, priceJumpZ: 6, priceJumpWindow: 63, priceJumpMinHistory: 20,
      volumeSpikeEnabled: true, volumeSpikeZ: 6, volumeSpikeWindow: 63, volumeSpikeMinHistory: 20, maxStaleBars: 3,
    });
  });

  it('turns fractions into percents without binary noise', () => {
    // 0.07 × 100 is 7.000000000000001 in doubles.
    expect(0.07 * 100).not.toBe(7);
    expect(toPercent(0.07)).toBe(7);
    expect(toPercent(0.125)).toBe(12.5);
  });

  it('round-trips, keeping what it does not show (scale floors, the freshness bar period)', () => {
    const base: QualityConfig = { ...DEFAULT_QUALITY_CONFIG, freshness: { barPeriodMs: 60_000, maxStaleBars: 3 } };
    const form = { ...rulesForm(base), priceJumpPercent: 12.5, volumeSpikeEnabled: false, maxStaleBars: 5 };
    const out = toQualityConfig(form, base);
    expect(out.errors).toBeNull();
    expect(out.config).toEqual({
      priceJump: { enabled: true, window: 63, minHistory: 20, minPercent: 0.125, minRobustZ: 6, minScale: 0.002 },
      volumeSpike: { enabled: false, window: 63, minHistory: 20, minRobustZ: 6, minScale: 0.05 },
      freshness: { barPeriodMs: 60_000, maxStaleBars: 5 },
    });
    expect(qualityRequests['quality.saveConfig'].input.safeParse({ config: out.config }).success).toBe(true);
  });

  it('names each bad threshold by its box', () => {
    const form = { ...rulesForm(DEFAULT_QUALITY_CONFIG), priceJumpPercent: 0, priceJumpWindow: 4, volumeSpikeZ: '' as const, volumeSpikeMinHistory: 80 };
    const out = toQualityConfig(form, DEFAULT_QUALITY_CONFIG);
    expect(out.config).toBeNull();
    expect(Object.keys(out.errors!).sort()).toEqual(['priceJumpMinHistory', 'priceJumpPercent', 'priceJumpWindow', 'volumeSpikeMinHistory', 'volumeSpikeZ']);
    expect(out.errors!.volumeSpikeZ).toBe('Enter a number');
    expect(out.errors!.volumeSpikeMinHistory).toBe('Must not exceed the window');
  });

  it('maps the core\'s issue paths to the boxes', () => {
    expect(rulesFieldOf('config.priceJump.minPercent')).toBe('priceJumpPercent');
    expect(rulesFieldOf('freshness.maxStaleBars')).toBe('maxStaleBars');
    expect(rulesFieldOf('config.other')).toBeNull();
  });
});
