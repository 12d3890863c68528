import { z } from 'zod';
import type { IndicatorParam, IndicatorParams } from '../../../src-shared/domain/indicator.ts';

/** An integer parameter (periods, lookbacks). */
export function int(name: string, label: string, defaultValue: number, min = 1, max = 1000): IndicatorParam {
  return { name, label, type: 'int', default: defaultValue, min, max };
}

/** A real-valued parameter (multipliers, factors). */
export function float(name: string, label: string, defaultValue: number, min: number, max: number, step = 0.1): IndicatorParam {
  return { name, label, type: 'float', default: defaultValue, min, max, step };
}

export function choice(name: string, label: string, defaultValue: string, choices: readonly string[]): IndicatorParam {
  return { name, label, type: 'choice', default: defaultValue, choices: [...choices] };
}

/** The usual lookback parameter. */
export const period = (defaultValue: number, min = 1, max = 1000, label = 'Period'): IndicatorParam =>
  int('period', label, defaultValue, min, max);

/** A rule between parameters (fast < slow); returns a message naming the parameter, or null. */
export interface CrossRule {
  readonly param: string;
  readonly check: (p: Record<string, number | string>) => string | null;
}

/** `a` must be below `b`, the message names `a`. */
export function lessThan(a: string, b: string): CrossRule {
  return {
    param: a,
    check: (p) => ((p[a] as number) < (p[b] as number) ? null : `${a} (${p[a]}) must be less than ${b} (${p[b]})`),
  };
}

export function atMost(a: string, b: string): CrossRule {
  return {
    param: a,
    check: (p) => ((p[a] as number) <= (p[b] as number) ? null : `${a} (${p[a]}) must be at most ${b} (${p[b]})`),
  };
}

/**
 * The zod schema of an indicator's parameters: fills defaults, refuses unknown names, checks
 * types and ranges, then the cross-rules. Every message names the parameter, and zod's issue path
 * is the parameter name, so a caller can prefix it (`indicators[2].config.params.period`).
 */
export function paramsSchema(indicatorId: string, params: readonly IndicatorParam[], rules: readonly CrossRule[] = []): z.ZodType<IndicatorParams> {
  const known = params.map((p) => p.name);
  return z
    .record(z.string(), z.unknown())
    .optional()
    .transform((raw, ctx): IndicatorParams => {
      const out: Record<string, number | string> = {};
      const fail = (path: string, message: string): void => {
        ctx.issues.push({ code: 'custom', path: [path], message, input: raw?.[path] });
      };
      for (const name of Object.keys(raw ?? {})) {
        if (!known.includes(name)) {
          const list = known.length ? `its parameters are ${known.join(', ')}` : 'it has no parameters';
          fail(name, `${indicatorId} has no parameter "${name}" (${list})`);
        }
      }
      for (const p of params) {
        const value = raw?.[p.name];
        if (value === undefined) {
          out[p.name] = p.default;
          continue;
        }
        const problem = checkValue(p, value);
        if (problem) fail(p.name, problem);
        else out[p.name] = value as number | string;
      }
      if (ctx.issues.length === 0) {
        for (const rule of rules) {
          const message = rule.check(out);
          if (message) fail(rule.param, message);
        }
      }
      return ctx.issues.length ? z.NEVER : out;
    });
}

function checkValue(p: IndicatorParam, value: unknown): string | null {
  const got = typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value);
  if (p.type === 'choice') {
    return typeof value === 'string' && p.choices.includes(value) ? null : `${p.name} must be one of ${p.choices.join(', ')} (got ${got})`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${p.name} must be a number (got ${got})`;
  if (p.type === 'int' && !Number.isInteger(value)) return `${p.name} must be a whole number (got ${got})`;
  if (value < p.min || value > p.max) return `${p.name} must be between ${p.min} and ${p.max} (got ${got})`;
  return null;
}
