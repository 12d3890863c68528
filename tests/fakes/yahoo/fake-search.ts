import type { FakeAnswer } from './fake-chart.ts';
import { FAKE_SYMBOLS } from './fake-symbols.ts';

/** Entities Yahoo's search lists without a symbol (private companies and the like). */
const OTHER_ENTITIES = [{ name: 'Oracle Red Bull Racing', permalink: 'oracle-red-bull-racing' }];

const TYPE_DISPLAY: Record<string, string> = { EQUITY: 'Equity', CRYPTOCURRENCY: 'Cryptocurrency' };

/** `GET /v1/finance/search?q=…&quotesCount=…&newsCount=…` with Yahoo's field names. */
export function answerSearch(params: URLSearchParams): FakeAnswer {
  const q = (params.get('q') ?? '').trim();
  if (q === '') {
    return { status: 400, body: { finance: { result: null, error: { code: 'Bad Request', description: 'Missing required query parameter=q' } } } };
  }
  const count = Math.max(0, Math.min(Number(params.get('quotesCount') ?? 7) || 0, 100));
  const text = q.toLowerCase();
  const securities = FAKE_SYMBOLS.filter(
    (s) => s.symbol.toLowerCase().startsWith(text) || s.shortName.toLowerCase().includes(text) || s.longName.toLowerCase().includes(text),
  ).map((s, i) => ({
    exchange: s.exchangeName,
    shortname: s.shortName,
    quoteType: s.instrumentType,
    symbol: s.symbol,
    index: 'quotes',
    score: 20_000 - i,
    typeDisp: TYPE_DISPLAY[s.instrumentType],
    longname: s.longName,
    exchDisp: s.fullExchangeName,
    isYahooFinance: true,
  }));
  const others = OTHER_ENTITIES.filter((e) => e.name.toLowerCase().includes(text)).map((e) => ({ index: 'quotes', name: e.name, permalink: e.permalink, isYahooFinance: false }));
  const quotes = [...securities, ...others].slice(0, count);
  return {
    status: 200,
    body: { explains: [], count: quotes.length, quotes, news: [], nav: [], lists: [], researchReports: [], screenerFieldResults: [], totalTime: 14, timeTakenForQuotes: 411, timeTakenForNews: 0, timeTakenForAlgowatchlist: 400, timeTakenForPredefinedScreener: 400, timeTakenForCrunchbase: 0, timeTakenForNav: 400, timeTakenForResearchReports: 0, timeTakenForScreenerField: 0, timeTakenForCulturalAssets: 0 },
  };
}
