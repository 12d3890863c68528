import { useEffect, useState } from 'react';
import type { RunDetail } from '../../../../src-shared/contract/backtest.contract.ts';
import { useClient } from '../../../client/hooks.ts';
import type { ClientError } from '../../../client/client-error.ts';

/** The saved runs with these ids, loaded together (a run once loaded is kept: saved runs never change). */
export function useRunDetails(ids: readonly string[]): { runs: RunDetail[] | undefined; error: ClientError | undefined } {
  const client = useClient();
  const [cache, setCache] = useState<ReadonlyMap<string, RunDetail>>(new Map());
  const [error, setError] = useState<ClientError | undefined>();
  const key = ids.join(',');

  useEffect(() => {
    const missing = ids.filter((id) => !cache.has(id));
    if (missing.length === 0) return;
    let stale = false;
    Promise.all(missing.map((runId) => client.call('backtest.get', { runId }))).then(
      (loaded) => {
        if (stale) return;
        setCache((c) => new Map([...c, ...loaded.map((r) => [r.id, r] as const)]));
      },
      (e: ClientError) => !stale && setError(e),
    );
    return () => {
      stale = true;
    };
    // `cache` is read, not watched: a fetch is started only for ids that changed.
  }, [client, key]);

  const runs = ids.every((id) => cache.has(id)) ? ids.map((id) => cache.get(id)!) : undefined;
  return { runs, error };
}
