/** Alpaca's public hosts, as the SDK builds its request URLs. */
const TRADING_HOSTS = ['https://paper-api.alpaca.markets', 'https://api.alpaca.markets'];
const DATA_HOST = 'https://data.alpaca.markets';
const STREAM_BASE = 'wss://stream.data.alpaca.markets';

export interface AlpacaUrls {
  /** Market-data REST base, replacing https://data.alpaca.markets. */
  readonly rest?: string;
  /** Stream base, replacing wss://stream.data.alpaca.markets (the feed path is kept). */
  readonly ws?: string;
  /** Trading API base, replacing the paper or live trading host. */
  readonly trading?: string;
}

/**
 * A `fetch` for the SDK that sends its requests to overridden hosts (a gateway, a local fake). The
 * SDK has no base-URL option; its `fetchApi` hook is the documented way to redirect it.
 */
export function redirectingFetch(urls: AlpacaUrls): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return fetch(rewrite(url, urls), init);
  };
}

export function rewrite(url: string, urls: AlpacaUrls): string {
  if (urls.rest && url.startsWith(DATA_HOST)) return trimSlash(urls.rest) + url.slice(DATA_HOST.length);
  if (urls.trading) {
    for (const host of TRADING_HOSTS) if (url.startsWith(host)) return trimSlash(urls.trading) + url.slice(host.length);
  }
  return url;
}

/** The stream URL for a feed path such as `/v2/iex` or `/v1beta3/crypto/us`. */
export function streamUrl(path: string, urls: AlpacaUrls): string {
  return `${trimSlash(urls.ws ?? STREAM_BASE)}${path}`;
}

function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}
