import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../src-shared/contract/errors.ts';

export interface StagedFile {
  readonly id: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly stagedAt: number;
}

const TTL_MS = 30 * 60_000;
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

/**
 * Files uploaded for preview, held in memory until imported or discarded, so the bytes cross the
 * transport once. Old entries expire; the total is capped.
 */
export class Staging {
  private readonly files = new Map<string, StagedFile>();

  add(fileName: string, bytes: Uint8Array, now = Date.now()): StagedFile {
    this.expire(now);
    let total = bytes.byteLength;
    for (const f of this.files.values()) total += f.bytes.byteLength;
    if (total > MAX_TOTAL_BYTES) {
      throw new AppFailure('PAYLOAD_TOO_LARGE', 'Too many files are waiting to be imported; import or discard some first');
    }
    const file: StagedFile = { id: `stg_${randomBytes(9).toString('base64url')}`, fileName, bytes, stagedAt: now };
    this.files.set(file.id, file);
    return file;
  }

  get(id: string): StagedFile {
    const file = this.files.get(id);
    if (!file) throw new AppFailure('NOT_FOUND', 'That file is no longer staged (it expired after 30 minutes); choose it again');
    return file;
  }

  discard(id: string): boolean {
    return this.files.delete(id);
  }

  private expire(now: number): void {
    for (const [id, f] of this.files) if (now - f.stagedAt > TTL_MS) this.files.delete(id);
  }
}
