import { BrowserWindow, nativeTheme, shell, type Session, type WebContents } from 'electron';
import type { RendererTarget } from './paths.ts';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './csp.ts';
import type { WindowState } from './settings.ts';

/**
 * The hardened main window: no Node in the renderer, sandboxed, isolated, a strict CSP, no
 * navigation away from the app, no new windows, no permissions. The only way out of the page
 * is the preload bridge, which the IPC layer checks again.
 */

export interface MainWindowOptions {
  readonly renderer: RendererTarget;
  readonly preloadFile: string;
  readonly state: WindowState;
  /** Window icon (Linux and Windows use it; macOS takes the bundle's). */
  readonly icon?: string;
  /** DevTools only in development. */
  readonly devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { state, renderer } = options;
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Candlewick',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1a1b1e' : '#ffffff',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  });
  guardNavigation(win.webContents, renderer);
  win.once('ready-to-show', () => {
    if (state.fullScreen) win.setFullScreen(true);
    else if (state.maximized) win.maximize();
    win.show();
  });
  win.loadURL(renderer.url).catch((error: unknown) => {
    console.error(`[shell] could not load ${renderer.url}:`, error);
  });
  return win;
}

/**
 * Session-wide rules for the app's pages: the CSP header on every response of the app and a
 * refusal for every permission (camera, notifications, clipboard-read, devices…).
 */
export function hardenSession(ses: Session, renderer: RendererTarget): void {
  const policy = renderer.kind === 'dev-server' ? devContentSecurityPolicy(renderer.url) : CONTENT_SECURITY_POLICY;
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!renderer.isAppResource(details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** For every web contents the app ever creates: no pop-up windows, no `<webview>`. */
export function denyByDefault(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function guardNavigation(contents: WebContents, renderer: RendererTarget): void {
  const stayOnApp = (event: { preventDefault(): void }, url: string): void => {
    if (renderer.isAppPage(url)) return;
    event.preventDefault();
    openInBrowser(url);
  };
  contents.on('will-navigate', (event) => stayOnApp(event, event.url));
  contents.on('will-redirect', (event) => stayOnApp(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
}

/** Links leave the app only as https, in the user's browser. Anything else is dropped. */
function openInBrowser(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:') return;
  shell.openExternal(parsed.href).catch((error: unknown) => {
    console.warn(`[shell] could not open ${parsed.href}:`, error);
  });
}
