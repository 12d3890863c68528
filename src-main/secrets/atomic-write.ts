import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** The file operations an atomic write needs; injectable so a test can fail one of them. */
export type AtomicWriteIo = Pick<typeof fs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync'>;

/**
 * Replaces `path` with `data` so that a reader (or a crash) sees either the old file or the new one,
 * never a mix: the bytes go to a temp file beside it (created with `mode`, flushed to disk), which
 * is then renamed over the target — rename within one folder is atomic on POSIX and NTFS. If any
 * step fails the temp file is removed and the old file is left as it was.
 */
export function writeFileAtomic(path: string, data: Uint8Array, mode = 0o600, io: AtomicWriteIo = fs): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = io.openSync(temp, 'wx', mode);
    try {
      let written = 0;
      while (written < data.length) written += io.writeSync(fd, data, written, data.length - written);
      io.fsyncSync(fd);
    } finally {
      io.closeSync(fd);
    }
    io.renameSync(temp, path);
  } catch (error) {
    try {
      io.unlinkSync(temp);
    } catch {
      // The temp file was never created, or is already gone: nothing to clean.
    }
    throw error;
  }
  syncFolder(dirname(path));
}

// The rename itself lives in the folder's entry list; flushing the folder makes it survive power
// loss. Windows cannot open a folder this way, and there the rename is already journalled.
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort: some file systems refuse fsync on a folder; the data itself is already flushed.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Creates `path` with `data` only if it does not exist yet, all at once: the bytes go to a temp file
 * that is then hard-linked to `path` (link, unlike rename, refuses an existing target). Returns false
 * when `path` already existed — another process got there first, and its file stands.
 */
export function createFileExclusive(path: string, data: Uint8Array, mode = 0o600): boolean {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.linkSync(temp, path);
    syncFolder(dirname(path));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.unlinkSync(temp);
  }
}
