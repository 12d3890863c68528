import { readFileSync } from 'node:fs';

declare const __CANDLEWICK_VERSION__: string | undefined;

/** The app version: defined at bundle time by the Electron build, else read from package.json. */
export const APP_VERSION: string = (() => {
  if (typeof __CANDLEWICK_VERSION__ === 'string') return __CANDLEWICK_VERSION__;
  try {
    const url = new URL('../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
