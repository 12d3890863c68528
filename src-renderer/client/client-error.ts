import type { AppError, ErrorCode } from '../../src-shared/contract/index.ts';

/**
 * Codes the client adds to the core's: `DISCONNECTED` when the connection dropped before the
 * answer arrived (the request may or may not have run), `PROTOCOL` when the peer sent nonsense.
 */
export type ClientErrorCode = ErrorCode | 'DISCONNECTED' | 'PROTOCOL';

export interface ClientAppError extends Omit<AppError, 'code'> {
  readonly code: ClientErrorCode;
}

/** What `client.call` rejects with: the core's AppError (or a transport failure) plus the channel. */
export class ClientError extends Error {
  readonly code: ClientErrorCode;
  readonly details: unknown;
  readonly channel: string;

  constructor(error: ClientAppError, channel: string) {
    super(error.message);
    this.name = 'ClientError';
    this.code = error.code;
    this.details = error.details;
    this.channel = channel;
  }

  get appError(): ClientAppError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** A failure raised by a transport itself (not by the core): the socket closed, a frame was bad. */
export class TransportError extends Error {
  readonly code: 'DISCONNECTED' | 'PROTOCOL';
  constructor(code: 'DISCONNECTED' | 'PROTOCOL', message: string) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
  }
}

export function isClientError(value: unknown): value is ClientError {
  return value instanceof ClientError;
}
