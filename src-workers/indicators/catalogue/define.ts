import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import {
  IndicatorDescriptorSchema,
  type IndicatorDescriptor,
  type IndicatorOutput,
  type IndicatorParam,
  type IndicatorParams,
  type PriceInput,
} from '../../../src-shared/domain/indicator.ts';
import type { BarInput, IndicatorColumns, IndicatorDefinition, StreamingIndicator } from '../types.ts';
import { paramsSchema, type CrossRule } from './params.ts';

export const line = (id: string, label: string): IndicatorOutput => ({ id, label, style: 'line' });
export const histogram = (id: string, label: string): IndicatorOutput => ({ id, label, style: 'histogram' });
export const signal = (id: string, label: string): IndicatorOutput => ({ id, label, style: 'signal' });
/** The one output of a single-series indicator is always called `value`. */
export const value = (label: string): IndicatorOutput => line('value', label);

export const CLOSE: PriceInput[] = ['close'];
export const HL: PriceInput[] = ['high', 'low'];
export const HLC: PriceInput[] = ['high', 'low', 'close'];
export const OHLC: PriceInput[] = ['open', 'high', 'low', 'close'];
export const HLCV: PriceInput[] = ['high', 'low', 'close', 'volume'];
export const VOLUME: PriceInput[] = ['volume'];

/** Everything of a catalogue entry but the computation. */
export interface EntrySpec {
  readonly id: string;
  readonly name: string;
  readonly group: IndicatorDescriptor['group'];
  readonly inputs: readonly PriceInput[];
  readonly params?: readonly IndicatorParam[];
  readonly rules?: readonly CrossRule[];
  readonly outputs: readonly IndicatorOutput[];
  readonly placement: IndicatorDescriptor['placement'];
  readonly engine: IndicatorDescriptor['engine'];
  readonly levels?: readonly number[];
  readonly description: string;
}

/**
 * One step of an incremental indicator: takes a bar (appended, or replacing the last one) and
 * writes one value per output into `out` (NaN where it has none). Library-backed entries are
 * steppers; batch and stream then share the very same code path.
 */
export interface Stepper {
  update(bar: BarInput, replace: boolean, out: Float64Array): void;
}

export interface Computation {
  /** Columnar batch; when absent, the stepper is run over every bar. */
  readonly batch?: (bars: BarColumns, params: IndicatorParams) => IndicatorColumns;
  /** Incremental form: either a stepper (library) or a ready streaming indicator (kernels). */
  readonly stepper?: (params: IndicatorParams) => Stepper;
  readonly stream?: (params: IndicatorParams) => StreamingIndicator;
}

/** Builds a checked catalogue entry: descriptor validated, params schema derived, inputs guarded. */
export function defineIndicator(spec: EntrySpec, computation: Computation): IndicatorDefinition {
  const descriptor = IndicatorDescriptorSchema.parse({
    ...spec,
    params: spec.params ?? [],
    levels: spec.levels ?? [],
    inputs: [...spec.inputs],
    outputs: [...spec.outputs],
  });
  const outputs = descriptor.outputs.map((o) => o.id);
  const params = paramsSchema(descriptor.id, descriptor.params, spec.rules ?? []);
  const { stepper, stream } = computation;
  if (!stepper && !stream) throw new Error(`indicator ${descriptor.id} has neither a stepper nor a stream`);
  const makeStream = (p: IndicatorParams): StreamingIndicator =>
    guardStream(descriptor, stream ? stream(p) : streamFromStepper(outputs, stepper!(p)));
  return {
    descriptor,
    params,
    batch(bars, p) {
      checkColumns(descriptor, bars);
      if (computation.batch) return computation.batch(bars, p);
      return batchFromStepper(bars, outputs, stepper ? stepper(p) : stepperFromStream(makeStream(p)));
    },
    stream: makeStream,
  };
}

/** Runs a stepper over every bar, collecting one column per output. */
export function batchFromStepper(bars: BarColumns, outputs: readonly string[], step: Stepper): IndicatorColumns {
  const n = bars.time.length;
  const columns = outputs.map(() => new Float64Array(n));
  const out = new Float64Array(outputs.length);
  for (let i = 0; i < n; i++) {
    step.update(barAt(bars, i), false, out);
    for (let k = 0; k < columns.length; k++) columns[k]![i] = sanitize(out[k]!);
  }
  return Object.fromEntries(outputs.map((id, k) => [id, columns[k]!]));
}

function streamFromStepper(outputs: readonly string[], step: Stepper): StreamingIndicator {
  const values = new Float64Array(outputs.length).fill(Number.NaN);
  let count = 0;
  const run = (bar: BarInput, replace: boolean): void => {
    step.update(bar, replace, values);
    for (let k = 0; k < values.length; k++) values[k] = sanitize(values[k]!);
  };
  return {
    outputs,
    values,
    add(bar) {
      run(bar, false);
      count++;
    },
    replace(bar) {
      // Replacing before anything was added is adding the first bar.
      if (count === 0) {
        run(bar, false);
        count++;
      } else run(bar, true);
    },
  };
}

function stepperFromStream(stream: StreamingIndicator): Stepper {
  return {
    update(bar, replace, out) {
      if (replace) stream.replace(bar);
      else stream.add(bar);
      out.set(stream.values);
    },
  };
}

/** The stream as callers see it: inputs checked before they reach the indicator. */
function guardStream(descriptor: IndicatorDescriptor, inner: StreamingIndicator): StreamingIndicator {
  return {
    outputs: inner.outputs,
    get values() {
      return inner.values;
    },
    add(bar) {
      checkBar(descriptor, bar);
      inner.add(bar);
    },
    replace(bar) {
      checkBar(descriptor, bar);
      inner.replace(bar);
    },
  };
}

/** A fresh object per bar: libraries keep references to the candles they are given. */
export function barAt(bars: BarColumns, i: number): BarInput {
  return {
    time: bars.time[i]!,
    open: bars.open[i]!,
    high: bars.high[i]!,
    low: bars.low[i]!,
    close: bars.close[i]!,
    volume: bars.volume[i]!,
  };
}

function sanitize(v: number): number {
  return Number.isFinite(v) ? v : Number.NaN;
}

function checkColumns(descriptor: IndicatorDescriptor, bars: BarColumns): void {
  for (const field of descriptor.inputs) {
    const column = bars[field];
    if (column.length !== bars.time.length) {
      throw new AppFailure('VALIDATION_FAILED', `${descriptor.id}: the ${field} column has ${column.length} values for ${bars.time.length} bars`);
    }
    for (let i = 0; i < column.length; i++) {
      if (!Number.isFinite(column[i]!)) {
        throw new AppFailure(
          'VALIDATION_FAILED',
          `${descriptor.id}: ${field} of bar ${i} (${isoTime(bars.time[i]!)}) is ${column[i]}; indicators need finite prices`,
          { field, index: i },
        );
      }
    }
  }
}

function checkBar(descriptor: IndicatorDescriptor, bar: BarInput): void {
  if (!Number.isFinite(bar.time)) throw new AppFailure('VALIDATION_FAILED', `${descriptor.id}: bar time is ${bar.time}`);
  for (const field of descriptor.inputs) {
    if (!Number.isFinite(bar[field])) {
      throw new AppFailure(
        'VALIDATION_FAILED',
        `${descriptor.id}: ${field} of the bar at ${isoTime(bar.time)} is ${bar[field]}; indicators need finite prices`,
        { field },
      );
    }
  }
}

function isoTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
