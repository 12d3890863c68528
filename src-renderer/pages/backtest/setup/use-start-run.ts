import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ClientError } from '../../../client/client-error.ts';
import type { SetupErrors } from './setup-form.ts';

/** What a setup form checks locally: the start input, or the problems by field. */
export type Checked<I> = { input: I; errors: null } | { input: null; errors: SetupErrors };

export interface StartRun {
  errors: SetupErrors;
  /** The core's reason for refusing to start (what only it can check). */
  failure: string | null;
  starting: boolean;
  /** Submit and Ctrl/⌘+Enter both start the run. */
  formProps: { onSubmit(e: FormEvent): void; onKeyDown(e: KeyboardEvent): void };
}

/**
 * Starting a run from a setup form: the form's own checks first (their problems shown by field),
 * then the core's call, whose refusal is shown as one message; the started run is handed on.
 */
export function useStartRun<I>(check: () => Checked<I>, call: (input: I) => Promise<{ runId: string; jobId: string }>, onStarted: (runId: string, jobId: string) => void): StartRun {
  const [errors, setErrors] = useState<SetupErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const start = async () => {
    const checked = check();
    setErrors(checked.errors ?? {});
    setFailure(null);
    if (!checked.input) return;
    setStarting(true);
    try {
      const { runId, jobId } = await call(checked.input);
      onStarted(runId, jobId);
    } catch (error) {
      setFailure((error as ClientError).message);
    } finally {
      setStarting(false);
    }
  };
  return {
    errors,
    failure,
    starting,
    formProps: {
      onSubmit: (e) => {
        e.preventDefault();
        void start();
      },
      onKeyDown: (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void start();
        }
      },
    },
  };
}
