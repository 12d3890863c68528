import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { AppError, Result } from '../../src-shared/contract/errors.ts';
import type { Router } from '../../src-shared/contract/router.ts';
import { MAX_FRAME_BYTES } from '../../src-shared/transport/protocol.ts';
import type { Core } from '../core-api.ts';
import { exceedsSize } from './payload-size.ts';

/** The one request channel and the one event channel between preload and main. */
export const INVOKE_CHANNEL = 'cw:invoke';
export const EVENT_CHANNEL = 'cw:event';

/** Same limit as a WebSocket frame: an upload of at most 512 MB plus its envelope. */
export const MAX_MESSAGE_BYTES = MAX_FRAME_BYTES;

export interface IpcTrust {
  /** The web contents of one of our windows. */
  isOurContents(contents: WebContents): boolean;
  /** The app's own page (dev server or the built index.html). */
  isAppPage(url: string): boolean;
}

const refuse = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * Carries the core's router over Electron IPC. Every message is checked before the router sees
 * it: the sender must be the main frame of one of our windows showing the app's page, the
 * channel a known string, the message within the size limit. Returns the function that removes
 * the handler.
 */
export function serveRouterOverIpc(router: Router, trust: IpcTrust, maxBytes = MAX_MESSAGE_BYTES): () => void {
  const channels = new Set(router.channels);
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const sender = senderProblem(event, trust);
    if (sender) {
      console.warn(`[ipc] refused a message: ${sender}`);
      return refuse('UNAUTHORIZED', 'This window may not call the core');
    }
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return refuse('UNKNOWN_CHANNEL', `Unknown channel "${String(channel).slice(0, 80)}"`);
    }
    if (exceedsSize(input, maxBytes)) {
      return refuse('PAYLOAD_TOO_LARGE', `The message for "${channel}" is larger than ${describeBytes(maxBytes)}`);
    }
    return router.handle(channel, input, { transport: 'ipc' });
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

const describeBytes = (n: number): string => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${n} bytes`);

function senderProblem(event: IpcMainInvokeEvent, trust: IpcTrust): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (!trust.isOurContents(event.sender)) return 'not one of our windows';
  const main = event.sender.mainFrame;
  const isMainFrame = frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
  if (!isMainFrame) return 'not the main frame';
  if (!trust.isAppPage(frame.url)) return `page ${JSON.stringify(frame.url.slice(0, 200))} is not the app`;
  return null;
}

/**
 * Forwards the core's events to the windows `targets()` lists, while each shows the app's page.
 * Returns the unsubscribe function.
 */
export function forwardEvents(core: Pick<Core, 'onEvent'>, targets: () => Iterable<WebContents>, isAppPage: (url: string) => boolean): () => void {
  return core.onEvent(({ name, payload }) => {
    for (const contents of targets()) {
      if (contents.isDestroyed() || !isAppPage(contents.getURL())) continue;
      contents.send(EVENT_CHANNEL, name, payload);
    }
  });
}
