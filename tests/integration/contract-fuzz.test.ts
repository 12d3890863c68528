import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests, type Channel } from '../../src-shared/contract/index.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { tempDir } from '../support/temp-dir.ts';
import { VALID_INPUTS } from '../support/valid-inputs.ts';

const channels = Object.keys(requests) as Channel[];

/** A wrong value for a field of the given current value: another type, or garbage of the same type. */
const wrongValue = (current: unknown) =>
  fc.oneof(
    fc.constant(null),
    fc.constant('not-a-number-or-object'),
    fc.constant(Number.NaN),
    fc.constant(-1.5),
    fc.constant({ nested: true }),
    fc.constant([1, 2, 3]),
    typeof current === 'number' ? fc.string() : fc.integer(),
  );

describe('every contract channel refuses malformed input with VALIDATION_FAILED', () => {
  const tmp = tempDir();
  let core: CoreInternals;
  beforeAll(async () => {
    core = await createCore({ dataDir: tmp.dir, poolSize: 1, seedDemo: false, validateOutput: true });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });

  it('has a valid example for every channel (a new channel must add one)', () => {
    expect(Object.keys(VALID_INPUTS).sort()).toEqual([...channels].sort());
  });

  it.each(channels)('%s: arbitrary values never crash and never pass as valid garbage', async (channel) => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withTypedArray: true, withMap: true, withSet: true, withBigInt: true }), async (input) => {
        const result = await core.router.handle(channel, input, { transport: 'local' });
        if (result.ok) {
          // Only inputs the schema accepts may pass; check that claim independently.
          expect(requests[channel].input.safeParse(input ?? {}).success).toBe(true);
        } else {
          expect(['VALIDATION_FAILED', 'NOT_FOUND']).toContain(result.error.code);
        }
      }),
      { numRuns: 60 },
    );
  });

  it.each(channels.filter((c) => Object.keys(VALID_INPUTS[c]).length > 0))(
    '%s: a corrupted field is named in the error message',
    async (channel) => {
      const valid = VALID_INPUTS[channel];
      const keys = Object.keys(valid);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...keys).chain((key) => fc.tuple(fc.constant(key), wrongValue(valid[key]))),
          async ([key, bad]) => {
            const input = { ...valid, [key]: bad };
            fc.pre(!requests[channel].input.safeParse(input).success);
            const result = await core.router.handle(channel, input, { transport: 'local' });
            expect(result.ok).toBe(false);
            if (result.ok) return;
            expect(result.error.code).toBe('VALIDATION_FAILED');
            expect(result.error.message).toContain(key);
          },
        ),
        { numRuns: 40 },
      );
    },
  );

  it('an unknown field is refused by name (inputs are strict)', async () => {
    const result = await core.router.handle('jobs.list', { limit: 5, sneaky: 1 }, { transport: 'local' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!result.ok && result.error.message).toContain('sneaky');
  });

  it('an unknown channel is refused, including prototype names', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      const result = await core.router.handle(name, {}, { transport: 'local' });
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });
});
