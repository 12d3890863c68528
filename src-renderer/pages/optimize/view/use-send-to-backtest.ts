import { useCallback } from 'react';
import type { OptimizationDetail } from '../../../../src-shared/contract/optimize.contract.ts';
import { useClient } from '../../../client/hooks.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { notifyError } from '../../../shell/notify-error.ts';
import { requestOpenRun } from '../../backtest/open-request.ts';
import { backtestFormFor, backtestInputFor } from './send-to-backtest.ts';

/**
 * "Send to backtest": starts the full backtest of a set (trades, equity, every metric) and moves to
 * the Backtest page, which opens the run as soon as it is saved and puts the set in its setup form.
 */
export function useSendToBacktest(detail: OptimizationDetail | undefined): (params: Record<string, number | string>) => void {
  const client = useClient();
  return useCallback(
    (params) => {
      if (!detail) return;
      client.call('backtest.start', backtestInputFor(detail, params)).then(
        ({ runId, jobId }) => {
          requestOpenRun({ runId, jobId, setup: backtestFormFor(detail, params) });
          window.location.hash = '/backtest';
        },
        (error: ClientError) => notifyError(error),
      );
    },
    [client, detail],
  );
}
