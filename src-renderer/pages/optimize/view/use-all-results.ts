import { useEffect, useRef, useState } from 'react';
import type { ResultRow } from '../../../../src-shared/contract/optimize.contract.ts';
import { useClient, useEvent } from '../../../client/hooks.ts';

/** Rows read at most (the plots and the export); beyond it the first ones by evaluation order are kept. */
export const ALL_RESULTS_LIMIT = 50_000;
const PAGE = 5000;
/** While a search runs, the rows are read again at most this often (less often as they grow). */
const REFRESH_MS = 1500;
const MS_PER_THOUSAND_ROWS = 250;

export interface AllResults {
  rows: readonly ResultRow[];
  /** Rows stored in all (more than `rows` when over the limit). */
  total: number;
  loaded: boolean;
  error: string | null;
}

/**
 * Every evaluated set of an optimization in the order the optimizer asked for them, without their
 * metrics: what the best-so-far chart and the heatmap read. Refreshed as the search stores batches.
 */
export function useAllResults(optimizationId: string, state: string | undefined): AllResults {
  const client = useClient();
  const [results, setResults] = useState<AllResults>({ rows: [], total: 0, loaded: false, error: null });
  const generation = useRef(0);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useRef(async () => {});
  load.current = async () => {
    const mine = ++generation.current;
    last.current = Date.now();
    try {
      const { rows, total } = await fetchAllResults(client, optimizationId, { withMetrics: false, limit: ALL_RESULTS_LIMIT });
      if (mine === generation.current) setResults({ rows, total, loaded: true, error: null });
    } catch (error) {
      if (mine === generation.current) setResults((s) => ({ ...s, loaded: true, error: (error as Error).message }));
    }
  };

  useEffect(() => {
    setResults({ rows: [], total: 0, loaded: false, error: null });
    void load.current();
    return () => clearTimeout(timer.current);
  }, [optimizationId]);

  // A search that ends (done, cancelled, failed) is read again at once: its last rows are final.
  // Only on that change: an optimization opened after it ended was read when it mounted.
  const previous = useRef(state);
  useEffect(() => {
    const wasRunning = previous.current === 'running';
    previous.current = state;
    if (wasRunning && state !== 'running') {
      clearTimeout(timer.current);
      void load.current();
    }
  }, [state]);

  useEvent('optimize.changed', ({ optimizationIds }) => {
    if (!optimizationIds.includes(optimizationId)) return;
    clearTimeout(timer.current);
    const interval = REFRESH_MS + (results.rows.length / 1000) * MS_PER_THOUSAND_ROWS;
    const wait = Math.max(100, interval - (Date.now() - last.current));
    timer.current = setTimeout(() => void load.current(), wait);
  });
  return results;
}

/** Evaluated sets in the order asked, read page by page: with their metrics for the CSV export, without for the plots. */
export async function fetchAllResults(
  client: ReturnType<typeof useClient>,
  optimizationId: string,
  { withMetrics, limit = Infinity }: { withMetrics: boolean; limit?: number },
): Promise<{ rows: ResultRow[]; total: number }> {
  const rows: ResultRow[] = [];
  for (;;) {
    const page = await client.call('optimize.results', { optimizationId, sortBy: 'seq', descending: false, offset: rows.length, limit: PAGE, withMetrics });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= Math.min(page.total, limit)) return { rows, total: page.total };
  }
}

/** One evaluated set with its metrics (a set picked where only its parameters were loaded). */
export async function fetchResultRow(client: ReturnType<typeof useClient>, optimizationId: string, row: Pick<ResultRow, 'window' | 'seq'>): Promise<ResultRow | null> {
  const page = await client.call('optimize.results', { optimizationId, window: row.window, seq: row.seq, limit: 1 });
  return page.rows[0] ?? null;
}
