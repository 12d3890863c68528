import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { StreamingIndicator } from '../types.ts';
import type { Source } from './base.ts';
import { KeltnerStream } from './keltner.ts';
import { EmaStream, SmaStream, WmaStream } from './moving-averages.ts';
import { CciStream, MacdStream, RocStream, RsiStream } from './oscillators.ts';
import { StochasticStream } from './stochastic.ts';
import { AdxStream, ObvStream, VwapStream } from './trend-volume.ts';
import { AtrStream, BollingerStream, DonchianStream, StddevStream } from './volatility.ts';

type Params = Record<string, number | string>;

const SOURCES: readonly Source[] = ['open', 'high', 'low', 'close', 'volume'];

/** The ids {@link createKernelStream} knows, in catalogue order. */
export const KERNEL_STREAM_IDS = [
  'sma', 'ema', 'wma', 'rsi', 'macd', 'bb', 'atr', 'adx', 'stoch', 'cci', 'roc', 'stddev', 'obv', 'vwap', 'donchian', 'keltner',
] as const;

/**
 * The incremental twin of a core kernel by catalogue id. Parameters: `period`, `fast`, `slow`,
 * `signal`, `k` (Bollinger multiplier), `kPeriod`, `kSmooth`, `dPeriod`, `multiplier`, `atrPeriod`,
 * `anchor` ('day' | 'none'), and for single-series indicators an optional `source` bar field (default
 * close). Outputs: macd → [macd, signal, histogram]; bb → [middle, upper, lower]; adx → [adx, plusDI,
 * minusDI]; stoch → [k, d]; donchian and keltner → [upper, middle, lower]; the others → ['value'].
 *
 * @throws AppFailure `VALIDATION_FAILED` for an unknown id or a missing or invalid parameter.
 */
export function createKernelStream(id: string, params: Params): StreamingIndicator {
  const num = (name: string) => numberParam(id, params, name);
  switch (id) {
    case 'sma':
      return new SmaStream(num('period'), source(id, params));
    case 'ema':
      return new EmaStream(num('period'), source(id, params));
    case 'wma':
      return new WmaStream(num('period'), source(id, params));
    case 'rsi':
      return new RsiStream(num('period'), source(id, params));
    case 'macd':
      return new MacdStream(num('fast'), num('slow'), num('signal'), source(id, params));
    case 'bb':
      return new BollingerStream(num('period'), num('k'), source(id, params));
    case 'atr':
      return new AtrStream(num('period'));
    case 'adx':
      return new AdxStream(num('period'));
    case 'stoch':
      return new StochasticStream(num('kPeriod'), num('kSmooth'), num('dPeriod'));
    case 'cci':
      return new CciStream(num('period'));
    case 'roc':
      return new RocStream(num('period'), source(id, params));
    case 'stddev':
      return new StddevStream(num('period'), source(id, params));
    case 'obv':
      return new ObvStream();
    case 'vwap': {
      const anchor = params.anchor ?? 'day';
      if (anchor !== 'day' && anchor !== 'none') throw invalid(id, 'anchor', `must be 'day' or 'none', got ${String(anchor)}`);
      return new VwapStream(anchor);
    }
    case 'donchian':
      return new DonchianStream(num('period'));
    case 'keltner':
      return new KeltnerStream(num('period'), num('multiplier'), num('atrPeriod'));
    default:
      throw new AppFailure('VALIDATION_FAILED', `No kernel stream "${id}"; known: ${KERNEL_STREAM_IDS.join(', ')}`, { id });
  }
}

function numberParam(id: string, params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw invalid(id, name, v === undefined ? 'is missing' : `must be a number, got ${JSON.stringify(v)}`);
  return v;
}

function source(id: string, params: Params): Source {
  const v = params.source ?? 'close';
  if (typeof v !== 'string' || !SOURCES.includes(v as Source)) throw invalid(id, 'source', `must be one of ${SOURCES.join(', ')}, got ${String(v)}`);
  return v as Source;
}

function invalid(id: string, param: string, problem: string): AppFailure {
  return new AppFailure('VALIDATION_FAILED', `${id}: parameter ${param} ${problem}`, { id, param });
}
