import type { FakeAlpacaUrls } from './server.ts';

/** The real hosts the SDK's REST clients call (`trading.TRADING_*_HOST`, `marketData.MARKET_DATA_*HOST`). */
export const ALPACA_HOSTS = {
  tradingPaper: 'https://paper-api.alpaca.markets',
  tradingLive: 'https://api.alpaca.markets',
  data: 'https://data.alpaca.markets',
  dataSandbox: 'https://data.sandbox.alpaca.markets',
} as const;

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A `fetchApi` for `new Alpaca({ fetchApi })` that sends each Alpaca host to the fake: the SDK's
 * facade has no base-URL option, so rewriting the URL its transport built is the one way in.
 * Anything else is refused rather than let through to the internet.
 */
export function redirectToFake(urls: Pick<FakeAlpacaUrls, 'tradingPaper' | 'tradingLive' | 'data'>, fetchImpl: FetchLike = fetch): FetchLike {
  const targets: [string, string][] = [
    [ALPACA_HOSTS.tradingPaper, urls.tradingPaper],
    [ALPACA_HOSTS.tradingLive, urls.tradingLive],
    [ALPACA_HOSTS.data, urls.data],
    [ALPACA_HOSTS.dataSandbox, urls.data],
  ];
  return (url, init) => {
    for (const [host, target] of targets) {
      if (url === host || url.startsWith(`${host}/`) || url.startsWith(`${host}?`)) return fetchImpl(target + url.slice(host.length), init);
    }
    return Promise.reject(new Error(`redirectToFake: ${new URL(url).origin} is not an Alpaca host the fake stands in for`));
  };
}
