// The one worker entry of the piscina pool: it adapts the pure task table to piscina (progress
// through a MessagePort, results transferred, not copied). Kept CommonJS-compatible for asar.
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { AppFailure } from '../src-shared/contract/errors.ts';
import { tasks, transferablesOf, type TaskName } from './tasks.ts';

export interface PoolRequest {
  readonly task: TaskName;
  readonly payload: unknown;
  readonly port?: MessagePort;
}

/** A failure crosses the thread boundary as data; the job manager rebuilds the AppFailure. */
export interface PoolFailure {
  readonly failure: { code: AppFailure['code']; message: string; details?: unknown };
}

const PROGRESS_INTERVAL_MS = 100;

export default function run(request: PoolRequest): unknown {
  const fn = tasks[request.task] as (payload: unknown, progress: (d: number, t: number, p: string) => void) => unknown;
  if (!fn) throw new Error(`unknown worker task "${String(request.task)}"`);
  let last = 0;
  const progress = (done: number, total: number, phase: string): void => {
    const now = Date.now();
    if (!request.port || now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    request.port.postMessage({ done, total, phase });
  };
  let result: unknown;
  try {
    result = fn(request.payload, progress);
  } catch (error) {
    if (error instanceof AppFailure) return { failure: error.toData() } satisfies PoolFailure;
    throw error;
  }
  const buffers = transferablesOf(result);
  return move({
    get [transferableSymbol]() {
      return buffers;
    },
    get [valueSymbol]() {
      return result;
    },
  } as never);
}
