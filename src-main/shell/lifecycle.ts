import { app } from 'electron';
import type { Core } from '../core-api.ts';

/**
 * Holds the first quit until the core has closed (jobs cancelled, pool stopped, database
 * checkpointed), then quits for real. A core that does not close within `timeoutMs` is
 * abandoned so the app never hangs on exit.
 */
export function closeCoreBeforeQuit(core: Pick<Core, 'close'>, timeoutMs = 10_000): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error(`[shell] the core did not close within ${timeoutMs} ms; quitting anyway`);
        resolve();
      }, timeoutMs);
    });
    Promise.race([core.close(), timeout])
      .catch((error: unknown) => console.error('[shell] closing the core failed:', error))
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        app.quit();
      });
  });
}
