import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { PoolFailure } from '../../src-workers/pool-worker.ts';
import type { TaskName, TaskPayload, TaskResult } from '../../src-workers/tasks.ts';

export type ProgressListener = (done: number, total: number, phase: string) => void;

export interface WorkerPool {
  run<N extends TaskName>(
    task: N,
    payload: TaskPayload<N>,
    options?: { signal?: AbortSignal; onProgress?: ProgressListener; transferList?: ArrayBuffer[] },
  ): Promise<TaskResult<N>>;
  readonly size: number;
  destroy(): Promise<void>;
}

/** The TypeScript worker entry, run through tsx: used by the CLI, the headless server and tests. */
export function sourceWorkerFile(): string {
  return fileURLToPath(new URL('../../src-workers/pool-worker.ts', import.meta.url));
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * The piscina pool every job's heavy work runs on. A `.ts` worker file is loaded through tsx
 * (source checkouts); the Electron build passes its bundled CommonJS chunk instead.
 */
export function createWorkerPool(workerFile = sourceWorkerFile(), size = defaultPoolSize()): WorkerPool {
  const fromSource = workerFile.endsWith('.ts');
  const piscina = new Piscina({
    filename: workerFile,
    minThreads: 0,
    maxThreads: size,
    idleTimeout: 30_000,
    // Resolved from here, not from the working directory, so the CLI works from any folder.
    execArgv: fromSource ? ['--import', import.meta.resolve('tsx')] : [],
  });
  return {
    size,
    async run(task, payload, options = {}) {
      const channel = options.onProgress ? new MessageChannel() : null;
      if (channel && options.onProgress) {
        const listener = options.onProgress;
        channel.port2.on('message', (m: { done: number; total: number; phase: string }) => listener(m.done, m.total, m.phase));
      }
      try {
        const transferList = [...(options.transferList ?? []), ...(channel ? [channel.port1] : [])];
        const result = (await piscina.run(
          { task, payload, port: channel?.port1 },
          { signal: options.signal ?? null, transferList: transferList as never },
        )) as unknown;
        if (result && typeof result === 'object' && 'failure' in result) {
          const { failure } = result as PoolFailure;
          throw new AppFailure(failure.code, failure.message, failure.details);
        }
        return result as never;
      } finally {
        channel?.port2.close();
      }
    },
    destroy: () => piscina.destroy(),
  };
}
