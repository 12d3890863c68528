import { useEffect, useRef } from 'react';
import type { ChartEngine } from './controller/use-chart-engine.ts';
import type { Replay } from './replay/use-replay.ts';

/** Bars moved by ← and → outside a replay. */
const PAN_BARS = 10;
const NOT_TYPING = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'range', 'color']);

/** Keys typed into a text field belong to the field; a focused radio (the timeframe) does not hold them. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type);
}

interface Keys {
  engine: ChartEngine | null;
  replay: Replay;
  onSymbolSearch(): void;
}

/**
 * F fit · Space play/pause (replay) · → step (replay) or pan · ← pan · Home first bar · End last bar ·
 * Ctrl/⌘+K symbol search.
 */
export function useChartKeys(keys: Keys): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { engine, replay, onSymbolSearch } = latest.current;
      if (e.defaultPrevented || e.altKey) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        onSymbolSearch();
        return;
      }
      // Inside a dialog or a field, keys are not the chart's.
      if (mod || typing(e.target) || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const replaying = replay.state !== null;
      let handled = true;
      switch (e.key) {
        case 'f':
        case 'F':
          engine?.controller.fit();
          break;
        case ' ':
          if (replaying) replay.togglePlay();
          else handled = false;
          break;
        case 'ArrowRight':
          if (replaying) replay.step();
          else engine?.controller.scrollBars(PAN_BARS);
          break;
        case 'ArrowLeft':
          engine?.controller.scrollBars(-PAN_BARS);
          break;
        case 'Home':
          void engine?.session.jumpToStart();
          break;
        case 'End':
          void engine?.session.jumpToEnd();
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
