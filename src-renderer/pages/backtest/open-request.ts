/**
 * A backtest started elsewhere (the Optimization page's "send to backtest") that the Backtest page
 * should open when it mounts. One page hands it to the other within the same window, so a module
 * variable is enough: nothing here needs to survive a reload.
 */
import type { SetupForm } from './setup/setup-form.ts';

export interface OpenRequest {
  runId: string;
  jobId: string;
  /** What the setup form should now hold (the run's strategy, parameters and data), so it can be varied. */
  setup?: Partial<SetupForm>;
}

let pending: OpenRequest | null = null;

export function requestOpenRun(request: OpenRequest): void {
  pending = request;
}

/** The run to open, once: reading it clears it. */
export function takeOpenRequest(): OpenRequest | null {
  const request = pending;
  pending = null;
  return request;
}

/** Whether a run waits to be opened (the page then shows strategy mode). */
export function hasOpenRequest(): boolean {
  return pending !== null;
}
