import { readFileSync } from 'node:fs';

/** The app version, from package.json (the Electron build defines it at bundle time instead). */
export const APP_VERSION: string = (() => {
  try {
    const url = new URL('../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
