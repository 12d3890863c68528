import Store from 'electron-store';
import { z } from 'zod';

/**
 * Settings of the desktop shell (electron-store, main process only): the window state (the
 * theme is the UI's own choice). Values are checked on read; a hand-edited or stale value falls back to its default
 * instead of breaking the start. Workspace data never lives here: it is in the workspace folder.
 */

export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false, fullScreen: false };

interface StoredSettings {
  window: WindowState;
}

export interface ShellSettings {
  windowState(): WindowState;
  saveWindowState(state: WindowState): void;
  /** The settings file, for diagnostics. */
  readonly path: string;
}

/** Opens `<userData>/settings.json` (created on first write). */
export function openSettings(): ShellSettings {
  const store = new Store<StoredSettings>({
    name: 'settings',
    defaults: { window: DEFAULT_WINDOW_STATE },
    // Preferences are cheap to lose and must never stop the app from starting.
    clearInvalidConfig: true,
  });
  const read = <T>(schema: z.ZodType<T>, key: keyof StoredSettings, fallback: T): T => {
    const parsed = schema.safeParse(store.get(key));
    return parsed.success ? parsed.data : fallback;
  };
  return {
    path: store.path,
    windowState: () => read(WindowStateSchema, 'window', DEFAULT_WINDOW_STATE),
    saveWindowState: (state) => {
      const parsed = WindowStateSchema.safeParse(state);
      if (parsed.success) store.set('window', parsed.data);
    },
  };
}
