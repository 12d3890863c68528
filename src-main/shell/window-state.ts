import { screen, type BrowserWindow, type Rectangle } from 'electron';
import type { WindowState } from './settings.ts';

/**
 * Window state restored on start and saved as it changes. A saved position that no longer
 * lies on any display (a monitor was unplugged) is dropped, so the window opens centred.
 */

/** Pixels of the window, across and down, that must show on one display to keep its position. */
const MIN_VISIBLE = 64;

/** The saved state, with its position kept only if enough of the window shows on some display. */
export function restorableState(saved: WindowState): WindowState {
  if (saved.x === undefined || saved.y === undefined) return saved;
  const rect: Rectangle = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  if (screen.getAllDisplays().some((d) => showsEnough(rect, d.workArea))) return saved;
  const { x: _x, y: _y, ...size } = saved;
  return size;
}

function showsEnough(a: Rectangle, b: Rectangle): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w >= MIN_VISIBLE && h >= MIN_VISIBLE;
}

/** Saves the window's state a moment after it stops moving or resizing, and when it closes. */
export function trackWindowState(win: BrowserWindow, save: (state: WindowState) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const snapshot = (): WindowState => {
    // The normal bounds are what to restore to, even while maximized or full screen.
    const b = win.getNormalBounds();
    return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized(), fullScreen: win.isFullScreen() };
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!win.isDestroyed()) save(snapshot());
    }, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('enter-full-screen', saveSoon);
  win.on('leave-full-screen', saveSoon);
  win.on('close', () => {
    clearTimeout(timer);
    save(snapshot());
  });
}
