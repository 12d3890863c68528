import { z } from 'zod';
import { AppErrorSchema } from '../contract/errors.ts';

/**
 * WebSocket frames, encoded with msgpack (see codec.ts) so typed arrays arrive as typed arrays.
 * The token travels in the URL of the upgrade request (`/ws?token=…`), never in a frame.
 */
export const ClientFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('req'), id: z.number().int().nonnegative(), ch: z.string().max(200), in: z.unknown() }),
  z.object({ t: z.literal('sub'), ev: z.string().max(200) }),
  z.object({ t: z.literal('unsub'), ev: z.string().max(200) }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame =
  | { t: 'hello'; protocol: number; appVersion: string }
  | { t: 'res'; id: number; ok: true; out: unknown }
  | { t: 'res'; id: number; ok: false; err: z.infer<typeof AppErrorSchema> }
  | { t: 'ev'; ev: string; p: unknown };

export const PROTOCOL_VERSION = 1;
export const WS_PATH = '/ws';
/** Frames above this are refused with PAYLOAD_TOO_LARGE (an upload is at most 512 MB plus framing). */
export const MAX_FRAME_BYTES = 520 * 1024 * 1024;
