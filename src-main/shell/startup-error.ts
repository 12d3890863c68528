import { AppFailure } from '../../src-shared/contract/errors.ts';

/**
 * What the error dialog says when the app cannot start, e.g. the core refuses the workspace.
 * The core's messages already say what to do (upgrade, or `--data-dir`); this adds the title
 * and the folder. Plain data, no Electron.
 */
export function describeStartupFailure(error: unknown, dataDir: string | undefined): { title: string; message: string } {
  const where = dataDir ? `\n\nWorkspace folder: ${dataDir}` : '';
  if (error instanceof AppFailure) {
    switch (error.code) {
      case 'WORKSPACE_TOO_NEW':
        return {
          title: 'This workspace needs a newer Candlewick',
          message: `${error.message}\n\nThe workspace was not changed.${where}`,
        };
      case 'WORKSPACE_UNAVAILABLE':
        return { title: 'The workspace cannot be opened', message: `${error.message}${where}` };
      default:
        return { title: 'Candlewick could not start', message: `${error.message} (${error.code})${where}` };
    }
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { title: 'Candlewick could not start', message: `${reason}${where}` };
}
