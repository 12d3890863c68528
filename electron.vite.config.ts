import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { build, type Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './src-main/shell/csp.ts';

/**
 * The Electron build (`npm run build` = `electron-vite build`, output in out/):
 *   out/main/index.cjs         the shell and the core (src-main/shell/main.ts)
 *   out/main/pool-worker.cjs   the piscina worker (src-workers/pool-worker.ts)
 *   out/main/migrations/       the SQL migrations (src-main/storage/migrations), applied at start
 *   out/preload/index.cjs      the sandboxed preload, self-contained
 *   out/renderer/              the React app
 * Everything Node runs is CommonJS (.cjs, since package.json says "type": "module"):
 * ESM `import()` of a file inside the packed asar archive fails, `require` works.
 */

const root = import.meta.dirname;
const at = (...parts: string[]): string => resolve(root, ...parts);
const packageJson = JSON.parse(readFileSync(at('package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
};

/**
 * The desktop renderer's CSP as a `<meta>` tag too, because a header does not reach every
 * file:// load. index.html carries the browser-mode policy (it also allows the WebSocket);
 * the Electron build replaces it with the stricter desktop one. In `electron-vite dev` the tag is
 * removed: the shell sends the dev policy as a header (fast refresh needs an inline script).
 */
function desktopCsp(): Plugin {
  const META = /<meta\b[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i;
  let serving = false;
  return {
    name: 'candlewick:desktop-csp',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const tag = serving ? '' : `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`;
        if (META.test(html)) return html.replace(META, tag);
        return tag ? html.replace(/<head>/i, `<head>\n    ${tag}`) : html;
      },
    },
  };
}

/** Ships the drizzle migrations beside the main bundle; the shell passes their folder to the core. */
function copyMigrations(from: string): Plugin {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  return {
    name: 'candlewick:migrations',
    apply: 'build',
    buildStart() {
      for (const file of files(from)) this.addWatchFile(file);
    },
    generateBundle() {
      for (const file of files(from)) {
        const fileName = ['migrations', ...relative(from, file).split(/[\\/]/)].join('/');
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
      }
    },
  };
}

/**
 * Builds the piscina worker as its own CommonJS bundle, after the main bundle, with the same
 * target and the npm dependencies left external. Not a second entry of the main build: that
 * shares chunks with the main entry, and the worker thread would end up loading the shell.
 * `piscina` in particular must stay external: the worker's require('piscina') has to reach the
 * same module as piscina's own worker script, because move() tags results with a
 * module-private Symbol.
 */
function poolWorker(entry: string, outDir: string): Plugin {
  const deps = Object.keys(packageJson.dependencies ?? {});
  let mode = 'production';
  let target: string | string[] | false = 'node20';
  return {
    name: 'candlewick:pool-worker',
    apply: 'build',
    configResolved(config) {
      mode = config.mode;
      target = config.build.target;
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        mode,
        logLevel: 'warn',
        publicDir: false,
        build: {
          ssr: true,
          target,
          outDir,
          emptyOutDir: false,
          minify: false,
          reportCompressedSize: false,
          rolldownOptions: {
            input: { 'pool-worker': entry },
            external: [...deps, new RegExp(`^(${deps.join('|')})/`)],
            output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
          },
        },
      });
    },
  };
}

export default defineConfig({
  main: {
    // For src-main/version.ts: the bundle has no package.json beside it to read the version from.
    define: { __CANDLEWICK_VERSION__: JSON.stringify(packageJson.version) },
    plugins: [copyMigrations(at('src-main/storage/migrations')), poolWorker(at('src-workers/pool-worker.ts'), at('out/main'))],
    build: {
      outDir: at('out/main'),
      // Runtime dependencies stay in node_modules (native better-sqlite3, piscina, …), except
      // electron-store: it is ESM-only, so it is bundled into the CommonJS output.
      externalizeDeps: { exclude: ['electron-store'] },
      rolldownOptions: {
        input: { index: at('src-main/shell/main.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          chunkFileNames: 'chunks/[name]-[hash].cjs',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload can require only `electron`: bundle everything else in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('src-main/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: at('src-renderer'),
    plugins: [react(), desktopCsp()],
    build: {
      outDir: at('out/renderer'),
      rolldownOptions: { input: { index: at('src-renderer/index.html') } },
    },
  },
});
