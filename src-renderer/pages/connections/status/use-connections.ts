import { useEffect, useMemo, useState } from 'react';
import type { ConnectionStatus, ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { useEvent, useQuery } from '../../../client/hooks.ts';
import { mergeStatus } from './connection-status.ts';

export interface Connections {
  /** Undefined until the first answer. */
  readonly list: readonly ConnectionSummary[] | undefined;
  /** Each connection's newest status: the list's, then every `connections.status` event. */
  readonly statuses: ReadonlyMap<string, ConnectionStatus>;
  readonly error: ClientError | undefined;
  readonly loading: boolean;
  refetch(): void;
}

/** The workspace's connections, reloaded on `connections.changed`, their statuses kept live. */
export function useConnections(): Connections {
  const q = useQuery('connections.list', {}, { refetchOn: ['connections.changed'] });
  const [statuses, setStatuses] = useState<ReadonlyMap<string, ConnectionStatus>>(new Map());
  const list = q.data;
  useEffect(() => {
    if (!list) return;
    setStatuses((held) => {
      let next = new Map<string, ConnectionStatus>();
      // A removed connection's status goes with it; the others keep whichever status is newer.
      for (const c of list) {
        const kept = held.get(c.id);
        if (kept) next.set(c.id, kept);
      }
      for (const c of list) next = mergeStatus(next, c.status);
      return next;
    });
  }, [list]);
  useEvent('connections.status', (status) => setStatuses((held) => mergeStatus(held, status)));
  return useMemo(
    () => ({ list, statuses, error: q.error, loading: q.loading, refetch: q.refetch }),
    [list, statuses, q.error, q.loading, q.refetch],
  );
}
