import { MAX_UPLOAD_BYTES } from '../../src-shared/contract/import.contract.ts';
import { formatBytes } from '../ui/format.ts';

/** A file ready to send to `import.preview`, or why it cannot be sent. */
export type ReadResult = { ok: true; fileName: string; data: Uint8Array<ArrayBuffer> } | { ok: false; message: string };

/** Refuses files that are empty or larger than the upload limit before reading a byte of them. */
export function checkFile(file: File): string | null {
  if (file.size === 0) return `${file.name} is empty`;
  if (file.size > MAX_UPLOAD_BYTES) {
    return (
      `${file.name} is ${formatBytes(file.size)}; files over ${formatBytes(MAX_UPLOAD_BYTES)} cannot be ` +
      'imported from the window — use `candlewick import` on the command line'
    );
  }
  return null;
}

export async function readFile(file: File): Promise<ReadResult> {
  const problem = checkFile(file);
  if (problem) return { ok: false, message: problem };
  try {
    const data = new Uint8Array(await file.arrayBuffer());
    return { ok: true, fileName: file.name.slice(-255) || 'upload.csv', data };
  } catch (error) {
    return { ok: false, message: `Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
