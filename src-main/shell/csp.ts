/**
 * The renderer's Content Security Policy, in one place: the shell sends it as a response header
 * and the Electron build (electron.vite.config.ts) writes it into index.html as a `<meta>` tag,
 * because a header does not reach every `file://` load on every Electron version.
 * Plain data, no Electron import, so the build config can use it.
 */
const PRODUCTION: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // Mantine and lightweight-charts set inline styles.
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
};

const serialize = (policy: Readonly<Record<string, string>>): string =>
  Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join('; ');

/** The policy of the packaged app. */
export const CONTENT_SECURITY_POLICY = serialize(PRODUCTION);

/** The same policy for a `<meta>` tag, which cannot carry `frame-ancestors` (browsers ignore it there). */
export const META_CONTENT_SECURITY_POLICY = serialize(
  Object.fromEntries(Object.entries(PRODUCTION).filter(([directive]) => directive !== 'frame-ancestors')),
);

/**
 * Development only (`electron-vite dev`): the React fast-refresh preamble is an inline module
 * script and Vite's HMR client opens a WebSocket to the dev server. Nothing else is relaxed.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const server = new URL(devServerUrl);
  const ws = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  return serialize({
    ...PRODUCTION,
    'script-src': "'self' 'unsafe-inline'",
    'connect-src': `'self' ${ws}`,
  });
}
