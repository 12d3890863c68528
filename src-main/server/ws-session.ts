import type WebSocket from 'ws';
import type { AppError } from '../../src-shared/contract/errors.ts';
import { validationError } from '../../src-shared/contract/validation.ts';
import { events } from '../../src-shared/contract/index.ts';
import { decodeClientFrame, encodeFrame } from '../../src-shared/transport/codec.ts';
import { ClientFrameSchema, PROTOCOL_VERSION, type ServerFrame } from '../../src-shared/transport/protocol.ts';
import type { Core } from '../core-api.ts';
import { APP_VERSION } from '../version.ts';

/**
 * One browser connection: decodes frames, routes requests, forwards subscribed events. A frame
 * that cannot be decoded or validated gets a VALIDATION_FAILED answer; it never ends the server.
 */
export function attachSession(socket: WebSocket, core: Core): void {
  const subscribed = new Set<string>();
  const send = (frame: ServerFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(encodeFrame(frame));
  };
  const reject = (id: number, err: AppError): void => send({ t: 'res', id, ok: false, err });
  const unsubscribe = core.onEvent((event) => {
    if (subscribed.has(event.name)) send({ t: 'ev', ev: event.name, p: event.payload });
  });
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    if (!isBinary) return reject(-1, { code: 'VALIDATION_FAILED', message: 'Frames must be binary msgpack' });
    let decoded: unknown;
    try {
      decoded = decodeClientFrame(toBytes(data));
    } catch {
      return reject(-1, { code: 'VALIDATION_FAILED', message: 'Frame is not valid msgpack' });
    }
    const frame = ClientFrameSchema.safeParse(decoded);
    if (!frame.success) return reject(requestId(decoded), validationError('frame', frame.error));
    const f = frame.data;
    if (f.t === 'sub' || f.t === 'unsub') {
      if (!Object.prototype.hasOwnProperty.call(events, f.ev)) {
        return reject(-1, { code: 'UNKNOWN_CHANNEL', message: `Unknown event "${f.ev.slice(0, 80)}"` });
      }
      if (f.t === 'sub') subscribed.add(f.ev);
      else subscribed.delete(f.ev);
      return;
    }
    void core.router.handle(f.ch, f.in, { transport: 'ws' }).then((result) => {
      if (result.ok) send({ t: 'res', id: f.id, ok: true, out: result.value });
      else reject(f.id, result.error);
    });
  });
  send({ t: 'hello', protocol: PROTOCOL_VERSION, appVersion: APP_VERSION });
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function requestId(decoded: unknown): number {
  const id = (decoded as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : -1;
}
