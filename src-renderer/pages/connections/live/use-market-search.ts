import { useEffect, useState } from 'react';
import type { ClientError } from '../../../client/client-error.ts';
import { useClient } from '../../../client/hooks.ts';
import type { MarketLike } from './market-picker.ts';

/** Quiet time after the last keystroke before the venue is asked. */
const DEBOUNCE_MS = 250;
/** Markets asked for at most: enough to scroll, few enough to render at once. */
const LIMIT = 200;

export interface MarketSearch {
  readonly markets: readonly MarketLike[];
  /** How many the venue lists in all for this text. */
  readonly total: number;
  readonly loading: boolean;
  readonly failure: string | null;
}

const NONE: MarketSearch = { markets: [], total: 0, loading: false, failure: null };

/**
 * The connection's markets matching the typed text (`connections.markets`), asked as the user
 * types. A venue that only searches has nothing to say to an empty text, so it is not asked.
 */
export function useMarketSearch(connectionId: string | null, search: string, searchOnly = false): MarketSearch {
  const client = useClient();
  const [state, setState] = useState<MarketSearch>(NONE);
  const text = search.trim().slice(0, 64);
  useEffect(() => {
    if (!connectionId || (searchOnly && text === '')) {
      setState(NONE);
      return;
    }
    let stale = false;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      client.call('connections.markets', { connectionId, search: text, limit: LIMIT }).then(
        (r) => !stale && setState({ markets: r.markets, total: r.total, loading: false, failure: null }),
        (error: ClientError) => !stale && setState({ markets: [], total: 0, loading: false, failure: error.message }),
      );
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [client, connectionId, text, searchOnly]);
  return state;
}
