/** The ccxt package's module namespace (types only: importing them loads nothing). */
export type CcxtModule = typeof import('ccxt');

let loading: Promise<CcxtModule> | undefined;

/**
 * ccxt costs ~0.5 s and ~80 MB to import (LIBRARIES.md), so it is loaded when the first ccxt
 * source connects, once per process; a failed import is forgotten so that the next connect retries.
 */
export function loadCcxt(): Promise<CcxtModule> {
  loading ??= import('ccxt').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Whether a source has asked for ccxt yet (for diagnostics and tests). */
export function ccxtRequested(): boolean {
  return loading !== undefined;
}
