import { contextBridge, ipcRenderer } from 'electron';
import type { AppError, Result } from '../../src-shared/contract/errors.ts';
import { EVENT_NAMES, REQUEST_NAMES } from '../../src-shared/contract/names.ts';
import type { PreloadBridge } from '../../src-shared/transport/transport.ts';

/**
 * The preload: a sandboxed script, bundled to one CommonJS file that requires only `electron`.
 * It exposes `window.candlewick` with `invoke` and `on` and nothing else; `ipcRenderer` never
 * reaches the page, and the IPC event object is never passed to page code. Names are checked
 * here for a quick, clear error; the main process checks everything again.
 */

// Must match INVOKE_CHANNEL / EVENT_CHANNEL in ipc.ts (not imported: that module loads Electron main APIs).
const INVOKE_CHANNEL = 'cw:invoke';
const EVENT_CHANNEL = 'cw:event';

const requestNames: ReadonlySet<string> = new Set(REQUEST_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);
/** One entry per `on` call, so subscribing the same function twice needs two unsubscribes. */
interface Subscription {
  readonly listener: (payload: unknown) => void;
}
const listeners = new Map<string, Set<Subscription>>();

const failure = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });
const quote = (value: unknown): string => JSON.stringify(String(value).slice(0, 80));

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  const subscribed = listeners.get(name);
  if (!subscribed) return;
  for (const { listener } of [...subscribed]) {
    try {
      listener(payload);
    } catch (error) {
      // One failing listener must not starve the others.
      console.error(`[candlewick] listener for "${name}" failed`, error);
    }
  }
});

const bridge: PreloadBridge = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !requestNames.has(channel)) {
      return Promise.resolve(failure('UNKNOWN_CHANNEL', `Unknown channel ${quote(channel)}`));
    }
    return (ipcRenderer.invoke(INVOKE_CHANNEL, channel, input) as Promise<Result<unknown>>).catch((error: unknown) => {
      // Only reached when the message cannot be sent at all (e.g. a function in `input`).
      const reason = error instanceof Error ? error.message : String(error);
      return failure('VALIDATION_FAILED', `Could not send "${channel}": ${reason}`);
    });
  },
  on(event, listener) {
    if (typeof event !== 'string' || !eventNames.has(event)) throw new TypeError(`Unknown event ${quote(event)}`);
    if (typeof listener !== 'function') throw new TypeError(`The listener for "${event}" is not a function`);
    let subscribed = listeners.get(event);
    if (!subscribed) listeners.set(event, (subscribed = new Set()));
    const subscription: Subscription = { listener };
    subscribed.add(subscription);
    return () => {
      subscribed.delete(subscription);
      if (subscribed.size === 0 && listeners.get(event) === subscribed) listeners.delete(event);
    };
  },
};

contextBridge.exposeInMainWorld('candlewick', bridge);
