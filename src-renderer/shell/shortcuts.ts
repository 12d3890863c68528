/** Every keyboard shortcut, as the help modal lists it. `mod` is ⌘ on macOS and Ctrl elsewhere. */
export const SHORTCUTS = [
  { keys: 'mod+I', label: 'Import a CSV file' },
  { keys: 'mod+J', label: 'Show or hide recent jobs' },
  { keys: 'mod+shift+L', label: 'Switch between dark and light theme' },
  { keys: 'mod+1', label: 'Go to Data' },
  { keys: 'mod+2', label: 'Go to Chart' },
  { keys: 'mod+3', label: 'Go to Backtest' },
  { keys: 'mod+4', label: 'Go to Optimize' },
  { keys: 'mod+5', label: 'Go to Connections' },
  { keys: 'mod+6', label: 'Go to Quality' },
  { keys: 'mod+7', label: 'Go to Activity' },
  { keys: 'mod+8', label: 'Go to Settings' },
  { keys: 'mod+Enter', label: 'Backtest or Optimize: start the setup' },
  { keys: 'mod+K', label: 'Chart: search a symbol' },
  { keys: 'F', label: 'Chart: fit the bars to the window' },
  { keys: 'Home', label: 'Chart: go to the first bar of the history' },
  { keys: 'End', label: 'Chart: go to the newest bar' },
  { keys: 'Space', label: 'Chart replay: play or pause' },
  { keys: '→', label: 'Chart replay: step one bar (outside replay: pan)' },
  { keys: 'shift+?', label: 'Show keyboard shortcuts' },
] as const;

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** `mod+shift+L` → `['Ctrl', 'Shift', 'L']` (or `⌘` on a Mac). */
export function keyLabels(keys: string): string[] {
  return keys.split('+').map((key) => {
    if (key === 'mod') return IS_MAC ? '⌘' : 'Ctrl';
    if (key === 'shift') return IS_MAC ? '⇧' : 'Shift';
    if (key === 'alt') return IS_MAC ? '⌥' : 'Alt';
    return key.length === 1 ? key.toUpperCase() : key;
  });
}
