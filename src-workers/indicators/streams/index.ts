// Incremental twins of the batch kernels: one bar at a time (add / replace the last bar), values
// identical (===) to the kernels' at every bar.
export { KernelStream, type Source } from './base.ts';
export { SmaStream, EmaStream, WmaStream } from './moving-averages.ts';
export { RsiStream, MacdStream, CciStream, RocStream } from './oscillators.ts';
export { StochasticStream } from './stochastic.ts';
export { AtrStream, BollingerStream, DonchianStream, StddevStream } from './volatility.ts';
export { KeltnerStream } from './keltner.ts';
export { AdxStream, ObvStream, VwapStream } from './trend-volume.ts';
export { StreamExtreme } from './extreme.ts';
export { createKernelStream, KERNEL_STREAM_IDS } from './create.ts';
