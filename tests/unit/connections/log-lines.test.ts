import { describe, expect, it } from 'vitest';
import { describeError, formatDuration, makeRedactor } from '../../../src-main/connections/log-lines.ts';

describe('log lines', () => {
  it('formats durations for countdowns', () => {
    expect([0, 850, 1_000, 1_500, 59_949, 60_000, 125_000].map(formatDuration)).toEqual([
      '0 ms', '850 ms', '1 s', '1.5 s', '59.9 s', '1 min', '2 min 5 s',
    ]);
  });

  it('blanks every occurrence of every secret, longest first, and leaves short values alone', () => {
    const redact = makeRedactor(['abcd1234', 'abcd1234XYZ', undefined, '42']);
    expect(redact('key=abcd1234XYZ&again=abcd1234&n=42')).toBe('key=***&again=***&n=42');
  });

  it('describes whatever was thrown', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('plain')).toBe('plain');
    expect(describeError(new TypeError(''))).toBe('TypeError');
  });
});
