import type { UrlPath, VenueProfile } from './venue-profiles.ts';

export interface UrlOverrides {
  /** Replaces the scheme and host of the venue's public REST URLs (their paths are kept). */
  readonly rest?: string;
  /** Replaces the venue's public spot websocket URL(s) whole. */
  readonly ws?: string;
}

/**
 * Points a ccxt exchange at a gateway or a local fake by editing its `urls` in place. Only the
 * URLs an override names change: a REST override leaves the websocket URL alone and vice versa.
 * `https://api.binance.com/api/v3` with rest `http://127.0.0.1:8899` becomes
 * `http://127.0.0.1:8899/api/v3` (a rest URL with a path of its own, `http://gw/binance`, is a prefix).
 */
export function applyUrlOverrides(urls: Record<string, unknown>, profile: VenueProfile, overrides: UrlOverrides): void {
  const rest = overrides.rest?.replace(/\/+$/, '');
  if (rest !== undefined) {
    for (const path of profile.restUrls) {
      const current = readUrl(urls, path);
      writeUrl(urls, path, rest + pathOf(current));
    }
  }
  if (overrides.ws !== undefined) {
    for (const path of profile.wsUrls) {
      readUrl(urls, path);
      writeUrl(urls, path, overrides.ws);
    }
  }
}

/** The path after scheme and host; ccxt URLs may hold placeholders (`https://api.{hostname}`). */
function pathOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]+(.*)$/i.exec(url);
  if (!match) throw new Error(`not an absolute URL: ${url}`);
  return match[1];
}

function readUrl(urls: Record<string, unknown>, path: UrlPath): string {
  let node: unknown = urls;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  // A ccxt upgrade that moves a URL must fail loudly here, not leave the real venue configured.
  if (typeof node !== 'string') throw new Error(`ccxt has no URL at urls.${path.join('.')}`);
  return node;
}

function writeUrl(urls: Record<string, unknown>, path: UrlPath, value: string): void {
  let node = urls;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}
