import { createHash } from 'node:crypto';
import type { ImportPreview, ImportResult } from '../../src-shared/contract/import.contract.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { ParseOptions } from '../../src-shared/domain/import.ts';
import type { InstrumentSpec } from '../../src-shared/domain/instrument.ts';
import { detectFormat } from '../../src-workers/import/index.ts';
import type { JobContext, JobManager } from '../jobs/job-manager.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import type { Workspace } from '../storage/database.ts';
import type { BarStore } from '../storage/bar-store.ts';
import { imports } from '../storage/schema.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import type { Staging } from './staging.ts';

export interface ImportRequest {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly options: ParseOptions;
  readonly instrument: InstrumentSpec;
}

const MAX_REPORTED_REJECTS = 1000;

/**
 * Imports CSV files: detection for the preview, then a job that parses in the worker pool and
 * writes instrument, bars and the import's provenance in one transaction.
 */
export class ImportService {
  constructor(
    private readonly workspace: Workspace,
    private readonly store: BarStore,
    private readonly instruments: InstrumentRepo,
    private readonly jobs: JobManager,
    private readonly pool: WorkerPool,
    private readonly staging: Staging,
    private readonly bus: EventBus,
  ) {}

  preview(fileName: string, bytes: Uint8Array): ImportPreview {
    const detection = detectFormat(bytes, fileName);
    const staged = this.staging.add(fileName, bytes);
    return { stagedId: staged.id, fileName, sizeBytes: bytes.byteLength, detection };
  }

  startStaged(stagedId: string, options: ParseOptions, instrument: InstrumentSpec): { jobId: string } {
    const staged = this.staging.get(stagedId);
    const { id } = this.start({ fileName: staged.fileName, bytes: staged.bytes, options, instrument });
    this.staging.discard(stagedId);
    return { jobId: id };
  }

  discard(stagedId: string): boolean {
    return this.staging.discard(stagedId);
  }

  /** Submits the import as a job; `done` settles with the finished job record. */
  start(request: ImportRequest) {
    const { fileName, options, instrument } = request;
    return this.jobs.submit({
      kind: 'import',
      title: `Import ${fileName} as ${instrument.symbol} ${options.timeframe}`,
      input: { fileName, sizeBytes: request.bytes.byteLength, options, instrument },
      run: (ctx) => this.run(ctx, request),
    });
  }

  private async run(ctx: JobContext, request: ImportRequest): Promise<ImportResult> {
    const { bytes, options, instrument } = request;
    ctx.progress(0, 1, 'Parsing rows');
    const outcome = await this.pool.run(
      'import.parse',
      { bytes, options },
      { signal: ctx.signal, onProgress: (done, total, phase) => ctx.progress(done, total, phase) },
    );
    if (ctx.signal.aborted) throw new AppFailure('CANCELLED', 'Cancelled');
    const rows = outcome.rows;
    ctx.progress(rows, rows, 'Writing bars');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const write = this.workspace.sqlite.transaction(() => {
      const { id } = this.instruments.ensure(instrument);
      const counts = this.store.upsert(id, options.timeframe, outcome.bars);
      this.workspace.db
        .insert(imports)
        .values({
          jobId: ctx.jobId,
          instrumentId: id,
          fileName: request.fileName,
          fileBytes: bytes.byteLength,
          fileSha256: sha256,
          options,
          timeframe: options.timeframe,
          ...counts,
          rejected: outcome.rejectedCount,
        })
        .run();
      return { id, counts };
    });
    const { id, counts } = write();
    this.bus.emit('instruments.changed', { instrumentIds: [id] });
    return {
      instrumentId: id,
      symbol: instrument.symbol,
      timeframe: options.timeframe,
      ...counts,
      rejected: outcome.rejected.slice(0, MAX_REPORTED_REJECTS),
      rejectedCount: outcome.rejectedCount,
      rows,
    };
  }
}
