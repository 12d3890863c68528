import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChartLayout } from '../../../../src-shared/domain/chart.ts';
import { useClient } from '../../../client/hooks.ts';
import { defaultLayout } from './layout-model.ts';

/** Saving waits this long after the last change, so a burst of edits is one `layout.save`. */
const SAVE_DELAY_MS = 400;

export type SaveState = 'loading' | 'saved' | 'pending' | 'failed';

export interface ChartLayoutState {
  /** Null until `layout.get` answered. */
  readonly layout: ChartLayout | null;
  readonly saveState: SaveState;
  update(change: (layout: ChartLayout) => ChartLayout): void;
}

/** The workspace's chart layout: read once with `layout.get`, written back (debounced) on every change. */
export function useChartLayout(): ChartLayoutState {
  const client = useClient();
  const [layout, setLayout] = useState<ChartLayout | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('loading');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const unsaved = useRef<ChartLayout | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    let live = true;
    client.call('layout.get', {}).then(
      (saved) => live && (setLayout(saved ?? defaultLayout(null)), setSaveState('saved')),
      () => live && (setLayout(defaultLayout(null)), setSaveState('failed')),
    );
    return () => {
      live = false;
    };
  }, [client]);

  const save = useCallback(() => {
    clearTimeout(timer.current);
    const next = unsaved.current;
    if (!next) {
      setSaveState((s) => (s === 'pending' ? 'saved' : s));
      return;
    }
    unsaved.current = null;
    const mine = ++generation.current;
    client.call('layout.save', { layout: next }).then(
      () => mine === generation.current && setSaveState('saved'),
      () => mine === generation.current && setSaveState('failed'),
    );
  }, [client]);

  const update = useCallback(
    (change: (layout: ChartLayout) => ChartLayout) => {
      setLayout((current) => {
        if (!current) return current;
        const next = change(current);
        if (next === current) return current;
        unsaved.current = next;
        return next;
      });
      setSaveState('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(save, SAVE_DELAY_MS);
    },
    [save],
  );

  // Leaving the page (or the app) writes what is still pending.
  useEffect(() => {
    window.addEventListener('beforeunload', save);
    return () => {
      window.removeEventListener('beforeunload', save);
      save();
    };
  }, [save]);

  return { layout, saveState, update };
}
