import { createRequire } from 'node:module';
import { sep } from 'node:path';

type Esbuild = typeof import('esbuild');

let loaded: Esbuild | null = null;

/**
 * esbuild, loaded on first use (most commands never compile a strategy) with `require`: the
 * Electron build is CommonJS inside an asar archive, where `import()` of a package fails.
 */
export function esbuild(): Esbuild {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  pointAtUnpackedBinary(require);
  loaded = require('esbuild') as Esbuild;
  return loaded;
}

/**
 * esbuild's API spawns its native binary, and nothing can be spawned from inside an asar archive.
 * The packaged app unpacks `@esbuild/*` (electron-builder.yml `asarUnpack`); this tells esbuild to
 * run that copy. Read by esbuild when it loads, so it must be set before the first `require`.
 */
function pointAtUnpackedBinary(require: NodeJS.Require): void {
  if (process.env.ESBUILD_BINARY_PATH) return;
  const packed = `app.asar${sep}`;
  if (!require.resolve('esbuild').includes(packed)) return;
  const pkg = `@esbuild/${process.platform}-${process.arch}`;
  const binary = require.resolve(process.platform === 'win32' ? `${pkg}/esbuild.exe` : `${pkg}/bin/esbuild`);
  process.env.ESBUILD_BINARY_PATH = binary.replace(packed, `app.asar.unpacked${sep}`);
}
