const STORAGE_KEY = 'candlewick.token';

let cached: string | null | undefined;

/**
 * The access token of the headless server. It arrives once in the address (`?token=…`); we keep it
 * for this tab in sessionStorage and take it out of the address bar so it is not bookmarked,
 * shared in a screenshot or left in the history.
 */
export function accessToken(): string | null {
  if (cached !== undefined) return cached;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    safeSession(() => window.sessionStorage.setItem(STORAGE_KEY, fromUrl));
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    cached = fromUrl;
  } else {
    cached = safeSession(() => window.sessionStorage.getItem(STORAGE_KEY)) ?? null;
  }
  return cached;
}

/** The WebSocket address on the same host as the page, carrying the token. */
export function socketUrl(path: string, token: string | null): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}//${window.location.host}${path}${query}`;
}

/** The same address over HTTP, to ask the server why an upgrade failed. */
export function probeUrl(path: string, token: string | null): string {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${window.location.origin}${path}${query}`;
}

function safeSession<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined; // storage disabled: the token lives only in memory
  }
}
