import { z } from 'zod';
import { BarUpdateSchema } from '../domain/chart.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';
import { IndicatorRequestSchema } from './indicators.contract.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';

export const ReplayIdSchema = z.string().regex(/^rpl_[A-Za-z0-9_-]{6,40}$/, 'not a replay id');

export const ReplayStateSchema = z.object({
  replayId: ReplayIdSchema,
  instrumentId: InstrumentIdSchema,
  timeframe: TimeframeSchema,
  state: z.enum(['playing', 'paused', 'ended', 'stopped']),
  /** Bars of the replay (those after `from`) already revealed (closed), out of `total`. */
  index: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Bars per second. */
  speed: z.number().positive(),
  microCandles: z.boolean(),
  /**
   * Open time of the last closed bar the chart shows (at the start, the last history bar; null when
   * there is none). After a seek it jumps with no bars.updated in between: a chart that sees a
   * currentTime other than its last closed bar's reloads its history up to it (bars.query with `to`).
   */
  currentTime: z.number().nullable(),
});
export type ReplayState = z.infer<typeof ReplayStateSchema>;

const speed = z.number().min(0.1).max(1000);

export const replayRequests = {
  'replay.start': {
    summary: 'Start replaying history bar by bar from a time; bars arrive as bars.updated events.',
    input: z
      .object({
        instrumentId: InstrumentIdSchema,
        timeframe: TimeframeSchema,
        /** Bars before this time are history the chart shows at once; replay starts after it. */
        from: z.number().finite(),
        speed: speed.default(2),
        /** Synthesize intrabar micro-candles: each bar forms along a price path through O, H, L, C. */
        microCandles: z.boolean().default(false),
        /** Forming updates per bar with micro-candles. */
        steps: z.number().int().min(2).max(60).default(8),
        /** Start paused (step by step). */
        paused: z.boolean().default(false),
        /** Indicators updated incrementally with every bar; their values ride on bars.updated. */
        indicators: z.array(IndicatorRequestSchema).max(40).default([]),
      })
      .strict(),
    output: ReplayStateSchema,
  },
  'replay.control': {
    summary: 'Play, pause, step one bar, jump to a time, or change speed.',
    input: z
      .object({
        replayId: ReplayIdSchema,
        action: z.enum(['play', 'pause', 'step', 'seek', 'speed', 'indicators']),
        /**
         * For seek: the time to jump to, forwards or back. Bars up to it are revealed at once WITHOUT a
         * flood of bars.updated: one replay.changed reports the new currentTime and the chart reloads
         * history up to it with bars.query (indicator history with indicators.compute).
         */
        time: z.number().finite().optional(),
        /** For speed. */
        speed: speed.optional(),
        /** For indicators: the new set, its streams recomputed over every bar revealed so far. */
        indicators: z.array(IndicatorRequestSchema).max(40).optional(),
      })
      .strict()
      .refine((c) => c.action !== 'seek' || c.time !== undefined, { message: 'seek needs a time', path: ['time'] })
      .refine((c) => c.action !== 'speed' || c.speed !== undefined, { message: 'speed needs a speed', path: ['speed'] })
      .refine((c) => c.action !== 'indicators' || c.indicators !== undefined, {
        message: 'indicators needs the list of indicators',
        path: ['indicators'],
      }),
    output: ReplayStateSchema,
  },
  'replay.stop': {
    summary: 'Stop a replay and forget it.',
    input: z.object({ replayId: ReplayIdSchema }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;

export const replayEvents = {
  /** Live bar stream (replay now, live sources later): forming bars replaced, closed bars appended. */
  'bars.updated': BarUpdateSchema,
  'replay.changed': ReplayStateSchema,
};
