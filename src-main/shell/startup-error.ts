import { AppFailure } from '../../src-shared/contract/errors.ts';

/** What the error dialog says when the core cannot open the workspace. Plain data, no Electron. */
export function describeStartupFailure(error: unknown, dataDir: string): { title: string; message: string } {
  const where = `Workspace folder: ${dataDir}`;
  const elsewhere = 'To use another folder, start Candlewick with --data-dir <folder>.';
  if (error instanceof AppFailure) {
    switch (error.code) {
      case 'WORKSPACE_TOO_NEW':
        return {
          title: 'This workspace needs a newer Candlewick',
          message: `${error.message}\n\n${where}\n\nInstall the newer version of Candlewick to open it; it was not changed. ${elsewhere}`,
        };
      case 'WORKSPACE_UNAVAILABLE':
        return { title: 'The workspace cannot be opened', message: `${error.message}\n\n${where}\n\n${elsewhere}` };
      default:
        return { title: 'Candlewick could not start', message: `${error.message} (${error.code})\n\n${where}` };
    }
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { title: 'Candlewick could not start', message: `${reason}\n\n${where}` };
}
