import { decodeFrame, encodeFrame } from '../../src-shared/transport/codec.ts';
import type { ClientFrame, ServerFrame } from '../../src-shared/transport/protocol.ts';

export function encodeClientFrame(frame: ClientFrame): Uint8Array<ArrayBuffer> {
  return encodeFrame(frame) as Uint8Array<ArrayBuffer>;
}

/** Decodes one binary message; null when it is not a frame we understand. */
export function decodeServerFrame(data: unknown): ServerFrame | null {
  if (!(data instanceof ArrayBuffer)) return null;
  let frame: unknown;
  try {
    frame = decodeFrame(new Uint8Array(data));
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const f = frame as Record<string, unknown>;
  switch (f.t) {
    case 'hello':
      return typeof f.protocol === 'number' ? (f as ServerFrame) : null;
    case 'res':
      return typeof f.id === 'number' && typeof f.ok === 'boolean' ? (f as ServerFrame) : null;
    case 'ev':
      return typeof f.ev === 'string' ? (f as ServerFrame) : null;
    default:
      return null;
  }
}

/** What plain HTTP says about the address whose WebSocket upgrade just failed. */
export type ProbeVerdict = 'refused' | 'reachable' | 'unreachable';

/**
 * A browser cannot see why a WebSocket upgrade failed (every failure is close code 1006), so we
 * ask the same address over plain HTTP: 401/403 is a refusal; any other answer means the server
 * is up (so the upgrade itself was refused); no answer means the network or the server is down.
 */
export async function probe(probeUrl: string): Promise<ProbeVerdict> {
  try {
    const response = await fetch(probeUrl, { method: 'GET', cache: 'no-store', credentials: 'omit' });
    return response.status === 401 || response.status === 403 ? 'refused' : 'reachable';
  } catch {
    return 'unreachable';
  }
}

/** Close codes a server may use to end an accepted socket for authentication reasons. */
export const AUTH_CLOSE_CODES: ReadonlySet<number> = new Set([1008, 4401, 4403]);
