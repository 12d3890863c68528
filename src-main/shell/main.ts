import { app, BrowserWindow, dialog, Menu, safeStorage, session } from 'electron';
import iconFile from '../../resources/icon.png?asset';
import { defaultDataDir, userDataDir } from '../app-paths.ts';
import type { Core } from '../core-api.ts';
import { createCore } from '../core.ts';
import { safeStorageKeyProvider } from '../secrets/key-providers.ts';
import { buildFiles, devServerTarget, fileTarget, parseDataDirArg, type RendererTarget } from './paths.ts';
import { forwardEvents, serveRouterOverIpc } from './ipc.ts';
import { closeCoreBeforeQuit } from './lifecycle.ts';
import { buildAppMenu } from './menu.ts';
import { openSettings, type ShellSettings } from './settings.ts';
import { describeStartupFailure } from './startup-error.ts';
import { createMainWindow, denyByDefault, hardenSession } from './window.ts';
import { restorableState, trackWindowState } from './window-state.ts';

/**
 * Electron entry (bundled to out/main/index.cjs): wires the core, the IPC transport and the
 * window together. One instance per user; the workspace is `<userData>/workspace` unless
 * `--data-dir DIR` (or CANDLEWICK_DATA_DIR, as for the CLI) says otherwise.
 */

// The same folder as the CLI and `candlewick serve`, also in unpackaged runs (where Electron
// would name it after package.json's lowercase "name"). Before the lock: the lock lives there.
app.setPath('userData', userDataDir());
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => denyByDefault(contents));

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => fail(error, undefined));
} else {
  // Another Candlewick is running; it brings its window forward (see 'second-instance').
  app.quit();
}

async function start(): Promise<void> {
  let dataDir: string | undefined;
  try {
    // After ready: on Linux an error box shown earlier goes to stderr only.
    await app.whenReady();
    const files = buildFiles(import.meta.dirname);
    // The dev server is trusted only in an unpackaged run: an environment variable must never
    // point a shipped app at another page.
    const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
    const renderer = devUrl ? devServerTarget(devUrl) : fileTarget(files.rendererIndex);
    dataDir = parseDataDirArg(process.argv, process.cwd()) ?? defaultDataDir();
    const settings = openSettings();
    hardenSession(session.defaultSession, renderer);
    // Keys are sealed with the OS keychain (safeStorage); the workspace holds only the wrapped master key.
    const keyProvider = safeStorageKeyProvider(safeStorage, dataDir);
    const core = await createCore({ dataDir, workerFile: files.worker, migrationsFolder: files.migrations, keyProvider, liveStreams: true });
    closeCoreBeforeQuit(core);
    openUi(core, renderer, settings, files.preload);
  } catch (error) {
    fail(error, dataDir);
  }
}

function openUi(core: Core, renderer: RendererTarget, settings: ShellSettings, preloadFile: string): void {
  const windows = new Set<BrowserWindow>();
  const devTools = !app.isPackaged;
  serveRouterOverIpc(core.router, {
    isOurContents: (contents) => [...windows].some((w) => !w.isDestroyed() && w.webContents === contents),
    isAppPage: renderer.isAppPage,
  });
  forwardEvents(core, () => [...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents), renderer.isAppPage);

  Menu.setApplicationMenu(buildAppMenu({ isMac: process.platform === 'darwin', devTools }));

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({
      renderer,
      preloadFile,
      state: restorableState(settings.windowState()),
      devTools,
      ...(process.platform === 'linux' ? { icon: iconFile } : {}),
    });
    windows.add(win);
    trackWindowState(win, settings.saveWindowState);
    win.on('closed', () => windows.delete(win));
    return win;
  };
  openWindow();

  app.on('second-instance', () => {
    const [win] = windows;
    if (!win) return void openWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (windows.size === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

function fail(error: unknown, dataDir: string | undefined): void {
  console.error('[shell] startup failed:', error);
  const { title, message } = describeStartupFailure(error, dataDir);
  dialog.showErrorBox(title, message);
  app.exit(1);
}
