/**
 * A backtest started elsewhere (the Optimization page's "send to backtest") that the Backtest page
 * should open when it mounts. One page hands it to the other within the same window, so a module
 * variable is enough: nothing here needs to survive a reload.
 */
let pending: { runId: string; jobId: string } | null = null;

export function requestOpenRun(runId: string, jobId: string): void {
  pending = { runId, jobId };
}

/** The run to open, once: reading it clears it. */
export function takeOpenRequest(): { runId: string; jobId: string } | null {
  const request = pending;
  pending = null;
  return request;
}

/** Whether a run waits to be opened (the page then shows strategy mode). */
export function hasOpenRequest(): boolean {
  return pending !== null;
}
