import type { CallContext, EventMap, Handlers, RequestMap } from './define.ts';
import { AppFailure, type AppError, type Result } from './errors.ts';
import { validationError } from './validation.ts';

export interface RouterOptions {
  /** Validate outputs too (tests and development): a handler returning the wrong shape is a bug. */
  readonly validateOutput?: boolean;
  /** Where unexpected errors go; the caller only sees a generic INTERNAL error. */
  readonly onBug?: (channel: string, error: unknown) => void;
}

export interface Router {
  readonly channels: readonly string[];
  /** Never throws: every outcome, including bugs, comes back as a Result. */
  handle(channel: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

const own = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

export function createRouter<M extends RequestMap>(
  requests: M,
  handlers: Handlers<M>,
  options: RouterOptions = {},
): Router {
  const channels = Object.keys(requests);
  return {
    channels,
    async handle(channel, rawInput, ctx) {
      if (typeof channel !== 'string' || !own(requests, channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel "${String(channel).slice(0, 80)}"` });
      }
      const def = requests[channel]!;
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) return fail(validationError(`input for "${channel}"`, parsed.error));
      try {
        const handler = handlers[channel as keyof M];
        const value = await handler(parsed.data as never, ctx);
        if (options.validateOutput) {
          const checked = def.output.safeParse(value);
          if (!checked.success) throw new Error(validationError(`output of "${channel}"`, checked.error).message);
        }
        return { ok: true, value };
      } catch (error) {
        return fail(toAppError(channel, error, options.onBug));
      }
    },
  };
}

export function toAppError(channel: string, error: unknown, onBug?: (c: string, e: unknown) => void): AppError {
  if (error instanceof AppFailure) return error.toData();
  if (isAbort(error)) return { code: 'CANCELLED', message: 'Cancelled' };
  onBug?.(channel, error);
  return { code: 'INTERNAL', message: `Internal error in "${channel}"; see the log for details` };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

/** Validates an event payload before it leaves the core; a bad payload is a bug in the emitter. */
export function checkEvent<E extends EventMap>(events: E, name: string, payload: unknown): void {
  const schema = events[name];
  if (!schema) throw new Error(`unknown event "${name}"`);
  const checked = schema.safeParse(payload);
  if (!checked.success) throw new Error(validationError(`payload of "${name}"`, checked.error).message);
}
