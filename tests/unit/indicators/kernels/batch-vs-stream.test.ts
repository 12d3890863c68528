import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKernelStream } from '../../../../src-workers/indicators/streams/index.ts';
import type { StreamingIndicator } from '../../../../src-workers/indicators/types.ts';
import { barAt, kernelCases } from './cases.ts';
import { daily, type DailyBars } from './fixtures.ts';
import { sharedDataDir } from '../../../support/shared-data.ts';

/** Feeds every bar through `feed` and returns the first bar/output where the stream differs from the batch. */
function check(b: DailyBars, want: Record<string, Float64Array>, stream: StreamingIndicator, feed: (i: number) => void): string | null {
  for (let i = 0; i < b.close.length; i++) {
    feed(i);
    for (let j = 0; j < stream.outputs.length; j++) {
      const name = stream.outputs[j]!;
      const w = want[name]![i]!;
      const g = stream.values[j]!;
      if (!(w === g || (Number.isNaN(w) && Number.isNaN(g)))) return `${name} at bar ${i} (${b.date[i]}): batch ${w}, stream ${g}`;
    }
  }
  return null;
}

const perturbed = (b: DailyBars, i: number, f: number) => {
  const bar = barAt(b, i);
  return { ...bar, close: bar.close * f, high: bar.high * (1 + Math.abs(f - 1) * 2), low: bar.low / (1 + Math.abs(f - 1) * 2), volume: bar.volume + 13 };
};

describe.skipIf(!sharedDataDir)('kernel streams give the batch values exactly (===) on the daily files', () => {
  for (const b of daily) {
    for (const c of kernelCases()) {
      const label = `${c.id} ${JSON.stringify(c.params)} on ${b.name}`;
      it(`${label}: bar by bar`, () => {
        const want = c.batch(b);
        const s = createKernelStream(c.id, c.params);
        expect(check(b, want, s, (i) => s.add(barAt(b, i)))).toBeNull();
      });
      it(`${label}: each bar first added perturbed, then replaced (twice) by the true bar`, () => {
        const want = c.batch(b);
        const s = createKernelStream(c.id, c.params);
        const mismatch = check(b, want, s, (i) => {
          s.add(perturbed(b, i, 1.01));
          s.replace(perturbed(b, i, 0.97));
          s.replace(barAt(b, i));
        });
        expect(mismatch).toBeNull();
      });
    }
  }
});

describe.skipIf(!sharedDataDir)('kernel streams under random add/replace patterns', () => {
  it('any pattern of replaces that ends in the true bars gives the batch values', () => {
    const b = daily.find((d) => d.name.startsWith('estx50'))!;
    const cases = kernelCases();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: b.close.length, maxLength: b.close.length }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        (which, replaces, factor) => {
          const c = cases[which]!;
          const s = createKernelStream(c.id, c.params);
          const mismatch = check(b, c.batch(b), s, (i) => {
            s.add(replaces[i]! > 0 ? perturbed(b, i, factor) : barAt(b, i));
            for (let r = 1; r < replaces[i]!; r++) s.replace(perturbed(b, i, factor + r / 10));
            if (replaces[i]! > 0) s.replace(barAt(b, i));
          });
          return mismatch === null;
        },
      ),
      { numRuns: 60 },
    );
  });
});
