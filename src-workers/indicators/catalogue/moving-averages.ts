import {
  ALMA,
  DEMA,
  DMA,
  FRAMA,
  HMA,
  HTTrendline,
  KAMA,
  MAMA,
  McGinleyDynamic,
  RMA,
  SMA15,
  SuperSmoother,
  T3,
  TEMA,
  TRIMA,
  VIDYA,
  WSMA,
  ZLEMA,
} from 'trading-signals';
import type { IndicatorDefinition } from '../types.ts';
import { CLOSE, line, value } from './define.ts';
import { close, fields, lib, num, one, tradingSignals, warmUp } from './library.ts';
import { float, int, lessThan, period } from './params.ts';

type MovingAverageLike = { update(x: number, r: boolean): number | null; getResult(): number | null; isStable: boolean };

/** A moving average of the close; `lookback` (bars without a value) follows TA-Lib where the library starts earlier. */
const ma = (id: string, name: string, description: string, def: number, make: (n: number) => MovingAverageLike, min = 1, lookback?: (n: number) => number) =>
  tradingSignals(
    { id, name, group: 'trend', inputs: CLOSE, params: [period(def, min, 5000)], outputs: [value(name)], placement: 'overlay', description },
    (p) => {
      const n = num(p, 'period');
      const step = lib(make(n), close, one);
      return lookback ? warmUp(step, lookback(n) + 1) : step;
    },
  );


/** Moving averages of trading-signals (the core SMA, EMA and WMA are kernels). */
export const MOVING_AVERAGES: readonly IndicatorDefinition[] = [
  ma('dema', 'DEMA', 'Double exponential moving average: 2·EMA − EMA(EMA), less lag than an EMA.', 20, (n) => new DEMA(n), 1, (n) => 2 * (n - 1)),
  ma('tema', 'TEMA', 'Triple exponential moving average: 3·EMA − 3·EMA² + EMA³.', 20, (n) => new TEMA(n)),
  ma('trima', 'TRIMA', 'Triangular moving average: an SMA of an SMA, weighting the middle of the window most.', 20, (n) => new TRIMA(n)),
  ma('wsma', "Wilder's MA (WSMA / WEMA)", "Wilder's smoothing (WEMA), seeded with an SMA; the average RSI and ATR use.", 14, (n) => new WSMA(n)),
  ma('rma', 'RMA', 'Running (modified) moving average with smoothing 1/period, as TradingView\'s ta.rma.', 14, (n) => new RMA(n)),
  ma('hma', 'Hull MA', 'Hull moving average: WMA(2·WMA(n/2) − WMA(n), √n); fast and smooth.', 20, (n) => new HMA(n), 2),
  ma('zlema', 'ZLEMA', 'Zero-lag EMA: an EMA of the price corrected by its own lag.', 20, (n) => new ZLEMA(n)),
  ma('kama', 'KAMA', "Kaufman's adaptive moving average: fast in trends, slow in noise (fast 2, slow 30).", 10, (n) => new KAMA(n), 1, (n) => n),
  ma('mcginley', 'McGinley Dynamic', 'McGinley Dynamic: a moving average that speeds up in falling markets and slows in rising ones.', 14, (n) => new McGinleyDynamic(n)),
  ma('vidya', 'VIDYA', "Chande's variable index dynamic average: an EMA whose speed follows the CMO.", 14, (n) => new VIDYA(n)),
  ma('super-smoother', 'Super Smoother', "Ehlers' two-pole super smoother filter.", 10, (n) => new SuperSmoother(n), 2),
  tradingSignals(
    {
      id: 'frama',
      name: 'FRAMA',
      group: 'trend',
      inputs: CLOSE,
      params: [period(16, 2, 5000)],
      rules: [{ param: 'period', check: (p) => ((p.period as number) % 2 === 0 ? null : `period (${p.period}) must be an even number`) }],
      outputs: [value('FRAMA')],
      placement: 'overlay',
      description: "Ehlers' fractal adaptive moving average (period must be even).",
    },
    (p) => lib(new FRAMA(num(p, 'period')), close, one),
  ),
  tradingSignals(
    {
      id: 'alma',
      name: 'ALMA',
      group: 'trend',
      inputs: CLOSE,
      params: [period(9, 1, 5000), float('offset', 'Offset', 0.85, 0, 1, 0.01), float('sigma', 'Sigma', 6, 0.1, 100, 0.1)],
      outputs: [value('ALMA')],
      placement: 'overlay',
      description: 'Arnaud Legoux moving average: a Gaussian-weighted average shifted towards recent prices.',
    },
    (p) => lib(new ALMA(num(p, 'period'), num(p, 'offset'), num(p, 'sigma')), close, one),
  ),
  tradingSignals(
    {
      id: 't3',
      name: 'T3',
      group: 'trend',
      inputs: CLOSE,
      params: [period(5, 1, 1000), float('volumeFactor', 'Volume factor', 0.7, 0, 1, 0.05)],
      outputs: [value('T3')],
      placement: 'overlay',
      description: "Tillson's T3: six chained EMAs blended by the volume factor.",
    },
    (p) => lib(new T3(num(p, 'period'), num(p, 'volumeFactor')), close, one),
  ),
  tradingSignals(
    {
      id: 'sma15',
      name: "Spencer's 15-point MA",
      group: 'trend',
      inputs: CLOSE,
      outputs: [value('SMA15')],
      placement: 'overlay',
      description: "Spencer's 15-point weighted moving average (fixed weights).",
    },
    () => lib(new SMA15(15), close, one),
  ),
  tradingSignals(
    {
      id: 'ht-trendline',
      name: 'Hilbert Transform Trendline',
      group: 'trend',
      inputs: CLOSE,
      outputs: [value('HT trendline')],
      placement: 'overlay',
      description: "Ehlers' instantaneous trendline from the Hilbert transform (64 bars of warm-up).",
    },
    () => lib(new HTTrendline(), close, one),
  ),
  tradingSignals(
    {
      id: 'mama',
      name: 'MESA Adaptive MA',
      group: 'trend',
      inputs: CLOSE,
      params: [float('fastLimit', 'Fast limit', 0.5, 0.01, 0.99, 0.01), float('slowLimit', 'Slow limit', 0.05, 0.01, 0.99, 0.01)],
      rules: [lessThan('slowLimit', 'fastLimit')],
      outputs: [line('mama', 'MAMA'), line('fama', 'FAMA')],
      placement: 'overlay',
      description: "Ehlers' MESA adaptive moving average and its following average (FAMA).",
    },
    (p) => lib(new MAMA({ fastLimit: num(p, 'fastLimit'), slowLimit: num(p, 'slowLimit') }), close, fields('mama', 'fama')),
  ),
  tradingSignals(
    {
      id: 'dma',
      name: 'Dual MA',
      group: 'trend',
      inputs: CLOSE,
      params: [int('short', 'Short period', 10, 1, 5000), int('long', 'Long period', 50, 1, 5000)],
      rules: [lessThan('short', 'long')],
      outputs: [line('short', 'Short SMA'), line('long', 'Long SMA')],
      placement: 'overlay',
      description: 'Two simple moving averages (short and long) for crossover systems.',
    },
    (p) => lib(new DMA(num(p, 'short'), num(p, 'long')), close, fields('short', 'long')),
  ),
];
