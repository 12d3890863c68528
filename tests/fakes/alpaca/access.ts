import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AlpacaError } from './data-params.ts';
import type { Environment } from './trading-api.ts';

/** A key pair the fake accepts. Paper keys work on the paper trading API only, live keys on live; both on data. */
export interface FakeAlpacaKey {
  readonly keyId: string;
  readonly secret: string;
  readonly environment?: Environment;
}

export const DEFAULT_KEY: FakeAlpacaKey = { keyId: 'PKFAKE0ALPACA0KEY00', secret: 'fake-alpaca-paper-secret-0123456789', environment: 'paper' };

const NOT_AUTHORIZED = () => new AlpacaError(401, 40110000, 'request is not authorized');

/**
 * The key pair `keyId`/`secret` names (secrets compared in constant time), optionally only one of
 * `environment`: the same id may be listed once for paper and once for live.
 */
export function findKey(keys: readonly FakeAlpacaKey[], keyId: unknown, secret: unknown, environment?: Environment): FakeAlpacaKey | null {
  if (typeof keyId !== 'string' || typeof secret !== 'string') return null;
  const given = Buffer.from(secret);
  for (const key of keys) {
    if (key.keyId !== keyId || (environment !== undefined && (key.environment ?? 'paper') !== environment)) continue;
    const expected = Buffer.from(key.secret);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return key;
  }
  return null;
}

/**
 * Checks a REST request's `APCA-API-KEY-ID` / `APCA-API-SECRET-KEY`. Missing headers are 401 on
 * both APIs; wrong keys are 401 on trading (also a paper key on live) and 403 on market data.
 * Returns the key id, or null for an anonymous request where `optional` (crypto data).
 */
export function authenticate(keys: readonly FakeAlpacaKey[], headers: IncomingHttpHeaders, api: 'data' | Environment, optional = false): string | null {
  const keyId = headers['apca-api-key-id'];
  const secret = headers['apca-api-secret-key'];
  if (keyId === undefined && secret === undefined) {
    if (optional) return null;
    throw NOT_AUTHORIZED();
  }
  if (keyId === undefined || secret === undefined) throw NOT_AUTHORIZED();
  const key = findKey(keys, keyId, secret, api === 'data' ? undefined : api);
  if (key) return key.keyId;
  throw api === 'data' ? new AlpacaError(403, 40310000, 'forbidden') : NOT_AUTHORIZED();
}

export interface RateVerdict {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Unix seconds when the window resets: Alpaca's `X-RateLimit-Reset`. */
  readonly resetSeconds: number;
}

/**
 * Alpaca's REST limit (200 requests per minute per key and host by default), counted in one-minute
 * windows of the fake's clock that start at the first request. A refused request costs nothing.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(readonly limitPerMinute: number) {}

  take(keyId: string, now: number): RateVerdict {
    const w = this.window(keyId, now);
    if (w.used >= this.limitPerMinute) return this.verdict(w, false);
    w.used++;
    return this.verdict(w, true);
  }

  /** The headers a response carries without spending a request (e.g. the 429 of a fault storm). */
  peek(keyId: string, now: number): RateVerdict {
    return this.verdict(this.window(keyId, now), true);
  }

  reset(): void {
    this.windows.clear();
  }

  private window(keyId: string, now: number): { start: number; used: number } {
    let w = this.windows.get(keyId);
    if (!w || now >= w.start + 60_000) {
      w = { start: now, used: 0 };
      this.windows.set(keyId, w);
    }
    return w;
  }

  private verdict(w: { start: number; used: number }, allowed: boolean): RateVerdict {
    return { allowed, limit: this.limitPerMinute, remaining: Math.max(0, this.limitPerMinute - w.used), resetSeconds: Math.ceil((w.start + 60_000) / 1000) };
  }
}

/** The `X-RateLimit-*` headers Alpaca sends on every answer. */
export function rateHeaders(v: RateVerdict): Record<string, string> {
  return { 'X-RateLimit-Limit': String(v.limit), 'X-RateLimit-Remaining': String(v.remaining), 'X-RateLimit-Reset': String(v.resetSeconds) };
}
