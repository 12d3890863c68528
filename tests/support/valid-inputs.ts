import type { Channel } from '../../src-shared/contract/index.ts';

/**
 * One well-formed input per contract channel, used as the seed the fuzz tests corrupt.
 * A channel added to the contract without an entry here fails the contract test.
 */
export const VALID_INPUTS: Record<Channel, Record<string, unknown>> = {
  'workspace.info': {},
  'instruments.list': {},
  'instruments.remove': { instrumentId: 999 },
  'bars.query': { instrumentId: 1, timeframe: '1d', from: 0, to: 1e12, limit: 10 },
  'import.preview': { fileName: 'x.csv', data: new TextEncoder().encode('Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,100\n') },
  'import.start': {
    stagedId: 'stg_abcdefgh',
    options: {
      kind: 'bars',
      delimiter: ',',
      hasHeader: true,
      dateFormat: 'iso',
      mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
      timeZone: 'UTC',
      timeframe: '1d',
      decimalComma: false,
    },
    instrument: { symbol: 'ABC' },
  },
  'import.discard': { stagedId: 'stg_abcdefgh' },
  'jobs.list': { limit: 5 },
  'jobs.cancel': { jobId: 'job_abcdefgh' },
  'indicators.catalogue': {},
  'indicators.compute': {
    instrumentId: 1,
    timeframe: '1d',
    limit: 100,
    indicators: [
      {
        key: 'rsi',
        config: { id: 'rsi', params: { period: 14 }, fuzzy: [{ name: 'oversold', output: 'value', shape: 'trapezoid', points: [0, 0, 25, 35] }] },
      },
    ],
  },
  'presets.list': {},
  'presets.save': { name: 'Trend', indicators: [{ key: 'sma20', config: { id: 'sma', params: { period: 20 } }, pane: 0 }] },
  'presets.remove': { name: 'Trend' },
  'layout.get': {},
  'layout.save': { layout: { instrumentId: null, timeframe: '1d', chartType: 'candles', showVolume: true, indicators: [] } },
  'watchlists.list': {},
  'watchlists.save': { name: 'Tech', instrumentIds: [] },
  'watchlists.remove': { id: 1 },
  'replay.start': { instrumentId: 1, timeframe: '1d', from: 0, speed: 2, microCandles: false, steps: 8, paused: true },
  'replay.control': { replayId: 'rpl_abcdefgh', action: 'pause' },
  'replay.stop': { replayId: 'rpl_abcdefgh' },
  'backtest.strategies': {},
  'backtest.strategyProblems': {},
  'backtest.start': { instrumentId: 1, timeframe: '1d', strategyId: 'sma-cross', params: { fast: 10, slow: 30 }, settings: { initialCash: 10_000 } },
  'backtest.rerun': { runId: 'run_abcdefgh' },
  'backtest.runs': {},
  'backtest.get': { runId: 'run_abcdefgh' },
  'backtest.analysis': { runId: 'run_abcdefgh' },
  'backtest.checkLookAhead': { runId: 'run_abcdefgh' },
  'backtest.remove': { runId: 'run_abcdefgh' },
  'portfolio.start': { instrumentIds: [1, 2], timeframe: '1d', config: { schedule: 'monthly', weights: { kind: 'equal' } }, settings: { initialCash: 10_000 } },
  'portfolio.rerun': { runId: 'prun_abcdefgh' },
  'portfolio.runs': {},
  'portfolio.get': { runId: 'prun_abcdefgh' },
  'portfolio.remove': { runId: 'prun_abcdefgh' },
};
