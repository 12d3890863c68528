import { z } from 'zod';

/** Every error that crosses a boundary carries one of these stable machine codes. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'INVALID_FILE',
  'CANCELLED',
  'WORKSPACE_TOO_NEW',
  'WORKSPACE_UNAVAILABLE',
  /** A user strategy failed to load or threw while running; the message names its file and line. */
  'STRATEGY_FAILED',
  /** A market-data venue could not be reached or refused a request; the message names the venue and why. */
  'SOURCE_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const AppErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});

/** An expected failure, as plain data: what the UI shows and the CLI prints. */
export type AppError = z.infer<typeof AppErrorSchema>;

/**
 * Thrown inside the core for expected failures; the router turns it into an {@link AppError}.
 * Anything else that is thrown is a bug and becomes `INTERNAL`.
 */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.details = details;
  }
  toData(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return AppErrorSchema.safeParse(value).success;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
