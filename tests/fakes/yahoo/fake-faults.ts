import { z } from 'zod';

const QUOTE_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
export type QuoteField = (typeof QUOTE_FIELDS)[number];

/** What the fake can do wrong, on command. */
export const FakeYahooFaultSchema = z.discriminatedUnion('kind', [
  /** 429 Too Many Requests, with a Retry-After header when given. */
  z.object({ kind: z.literal('rate-limit'), retryAfterSeconds: z.number().int().nonnegative().optional() }),
  /** A server error (500 unless another 5xx is given). */
  z.object({ kind: z.literal('server-error'), status: z.number().int().min(500).max(599).optional() }),
  /** 200 with a body that is not JSON. */
  z.object({ kind: z.literal('malformed-json') }),
  /** 200 with valid JSON of the wrong shape: the first value of a column becomes a string. */
  z.object({ kind: z.literal('bad-field'), field: z.enum(['timestamp', ...QUOTE_FIELDS]).default('close') }),
  /** Nulls in the quote columns at these rows (all five fields unless some are named). */
  z.object({ kind: z.literal('nulls'), rows: z.array(z.number().int().nonnegative()).min(1), fields: z.array(z.enum(QUOTE_FIELDS)).min(1).optional() }),
  /** Answer normally, after this many (real) milliseconds. */
  z.object({ kind: z.literal('delay'), ms: z.number().int().positive().max(600_000) }),
  /** 404 Not Found, as for a symbol Yahoo does not know. */
  z.object({ kind: z.literal('unknown-symbol') }),
  /** Close the connection without answering. */
  z.object({ kind: z.literal('hang-up') }),
  /** The period in progress as two rows (the period so far and a live row), as Yahoo does while a market trades. */
  z.object({ kind: z.literal('split-live-row') }),
]);
export type FakeYahooFault = z.input<typeof FakeYahooFaultSchema>;
type ParsedFault = z.output<typeof FakeYahooFaultSchema>;

export type FakeEndpoint = 'chart' | 'search';

/** A fault and how often: the next `times` requests to `endpoint` (any endpoint when absent). */
export const FaultOrderSchema = z.object({
  fault: FakeYahooFaultSchema,
  times: z.number().int().positive().max(10_000).default(1),
  endpoint: z.enum(['chart', 'search']).optional(),
});
export type FaultOrder = z.input<typeof FaultOrderSchema>;

/** Faults waiting for requests, first ordered first served. */
export class FakeFaults {
  private readonly queue: Array<{ fault: ParsedFault; left: number; endpoint?: FakeEndpoint }> = [];

  /** The next `times` requests (to `endpoint`, or any) answer with `fault`. */
  add(fault: FakeYahooFault, options: { times?: number; endpoint?: FakeEndpoint } = {}): void {
    this.order({ fault, ...options });
  }

  /** Adds an order as it arrives over HTTP; throws a readable message when it is not one. */
  order(order: FaultOrder): void {
    const parsed = FaultOrderSchema.safeParse(order);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`not a fault order: ${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    this.queue.push({ fault: parsed.data.fault, left: parsed.data.times, endpoint: parsed.data.endpoint });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** Requests still to be spoiled. */
  pending(): number {
    return this.queue.reduce((n, q) => n + q.left, 0);
  }

  /** The fault for a request to `endpoint`, used up; null when none waits. */
  take(endpoint: FakeEndpoint): ParsedFault | null {
    const i = this.queue.findIndex((q) => q.endpoint === undefined || q.endpoint === endpoint);
    if (i < 0) return null;
    const entry = this.queue[i]!;
    entry.left--;
    if (entry.left === 0) this.queue.splice(i, 1);
    return entry.fault;
  }
}
