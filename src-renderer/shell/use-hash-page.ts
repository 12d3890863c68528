import { useCallback, useSyncExternalStore } from 'react';

function subscribe(notify: () => void): () => void {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
}

const readHash = () => window.location.hash.replace(/^#\/?/, '');

/** The current page lives in the address (`#/data`), so reload and back/forward keep it. */
export function useHashPage<T extends string>(ids: readonly T[], fallback: T): [T, (id: T) => void] {
  const hash = useSyncExternalStore(subscribe, readHash, readHash);
  const page = (ids as readonly string[]).includes(hash) ? (hash as T) : fallback;
  const go = useCallback((id: T) => {
    if (readHash() !== id) window.location.hash = `/${id}`;
  }, []);
  return [page, go];
}
