import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Violation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}
interface LayerCheck {
  checkLayers(rootDir: string): Violation[];
  scanLayers(rootDir: string): { files: number; violations: Violation[] };
  formatViolation(v: Violation): string;
}

// A plain .mjs script without type declarations: imported by URL and typed here.
const scriptPath = fileURLToPath(new URL('../../scripts/check-layers.mjs', import.meta.url));
const { checkLayers, scanLayers, formatViolation } = (await import(pathToFileURL(scriptPath).href)) as LayerCheck;

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A temporary tree of files (path → content). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'candlewick-layers-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Each violating import sits on line 3 of its file, below two harmless lines. */
const header = "import { z } from 'zod';\n// a comment\n";

describe('checkLayers', () => {
  let lines: string[];
  beforeAll(() => {
    const root = tree({
      'src-shared/a.ts': `${header}import { x } from '../src-main/x.ts';\n`,
      'src-shared/b.ts': `${header}import { readFileSync } from 'node:fs';\n`,
      'src-shared/c.ts': `${header}import lodash from 'lodash';\n`,
      'src-shared/d.ts': `${header}export * from '../src-workers/tasks.ts';\n`,
      'src-workers/a.ts': `${header}import { y } from '../src-main/y.ts';\n`,
      'src-workers/b.ts': `${header}const r = await import('../src-renderer/r.tsx');\n`,
      'src-workers/c.ts': `${header}import { cpus } from 'os';\n`,
      'src-workers/d.ts': `${header}import Piscina from 'piscina';\n`,
      'src-workers/e.ts': `${header}import { parentPort } from 'node:worker_threads';\n`,
      'src-renderer/a.tsx': `${header}import { core } from '../src-main/core.ts';\n`,
      'src-renderer/b.tsx': `${header}import {\n  run,\n} from '../src-workers/tasks.ts';\n`,
      'src-renderer/pages/X.tsx': `${header}import { readFile } from 'node:fs';\n`,
      'src-renderer/d.tsx': `${header}import { ipcRenderer } from 'electron';\n`,
      'src-renderer/e.tsx': `${header}import axios from 'axios';\n`,
      'src-renderer/f.tsx': `${header}const path = require('path');\n`,
      'src-main/a.ts': `${header}import { App } from '../src-renderer/App.tsx';\n`,
      'src-main/core/b.ts': `${header}import { app } from 'electron';\n`,
      'src-main/services/c.ts': `${header}import Store from 'electron-store';\n`,
    });
    lines = checkLayers(root).map(formatViolation);
  });

  it.each([
    ['src-shared/a.ts:3 imports "../src-main/x.ts": src-shared imports nothing else of ours (this is src-main)'],
    ['src-shared/b.ts:3 imports "node:fs": src-shared may not use Node modules'],
    ['src-shared/c.ts:3 imports "lodash": src-shared may use only the npm packages zod, @msgpack/msgpack'],
    ['src-shared/d.ts:3 imports "../src-workers/tasks.ts": src-shared imports nothing else of ours (this is src-workers)'],
    ['src-workers/a.ts:3 imports "../src-main/y.ts": src-workers may import only src-shared of ours (this is src-main)'],
    ['src-workers/b.ts:3 imports "../src-renderer/r.tsx": src-workers may import only src-shared of ours (this is src-renderer)'],
    ['src-workers/c.ts:3 imports "os": src-workers may not use Node modules (only src-workers/pool-worker.ts may use node:worker_threads)'],
    ['src-workers/d.ts:3 imports "piscina": src-workers may use only the npm packages zod, trading-signals, technicalindicators'],
    ['src-workers/e.ts:3 imports "node:worker_threads": src-workers may not use Node modules (only src-workers/pool-worker.ts may use node:worker_threads)'],
    ['src-renderer/a.tsx:3 imports "../src-main/core.ts": the renderer reaches src-main only through the typed client (import type is allowed)'],
    ['src-renderer/b.tsx:3 imports "../src-workers/tasks.ts": the renderer reaches src-workers only through the typed client (import type is allowed)'],
    ['src-renderer/pages/X.tsx:3 imports "node:fs": the renderer may not use Node modules'],
    ['src-renderer/d.tsx:3 imports "electron": the renderer may not use Electron (the preload lives in src-main/shell/)'],
    ['src-renderer/e.tsx:3 imports "axios": the renderer may use only the npm packages react, react-dom, @mantine/*, @tabler/icons-react, lightweight-charts, zod, @msgpack/msgpack'],
    ['src-renderer/f.tsx:3 imports "path": the renderer may not use Node modules'],
    ['src-main/a.ts:3 imports "../src-renderer/App.tsx": src-main may not import the renderer'],
    ['src-main/core/b.ts:3 imports "electron": Electron stays in src-main/shell/'],
    ['src-main/services/c.ts:3 imports "electron-store": Electron stays in src-main/shell/'],
  ])('reports %s', (line) => {
    expect(lines).toContain(line);
  });

  it('reports nothing else', () => {
    expect(lines).toHaveLength(18);
  });

  it('passes a tree that keeps to the layers', () => {
    const root = tree({
      'src-shared/domain/bars.ts': "import { z } from 'zod';\nimport { encode } from '@msgpack/msgpack';\nexport const s = \"import fs from 'node:fs'\";\n",
      'src-shared/contract/index.ts': "export * from '../domain/bars.ts';\nexport type { X } from './x.ts';\n",
      'src-workers/bars/resample.ts':
        "import { emptyBars } from '../../src-shared/domain/bars.ts';\nimport { SMA } from 'trading-signals';\nimport ti from 'technicalindicators';\n// import fs from 'node:fs';\n",
      'src-workers/pool-worker.ts':
        "import type { MessagePort } from 'node:worker_threads';\nimport { move } from 'piscina';\nimport { tasks } from './tasks.ts';\n",
      'src-renderer/App.tsx': [
        "import { createRoot } from 'react-dom/client';",
        "import { jsx } from 'react/jsx-runtime';",
        "import { Button } from '@mantine/core';",
        "import '@mantine/core/styles.css';",
        "import { IconX } from '@tabler/icons-react';",
        "import { createChart } from 'lightweight-charts';",
        "import type { CoreApi } from '../src-main/core-api.ts';",
        "export type { Task } from '../src-workers/tasks.ts';",
        "type Api = typeof import('../src-main/core-api.ts');",
        "import { names } from '../src-shared/contract/names.ts';",
        "export const Hint = () => <p>Don't import anything from 'node:fs' here</p>;",
      ].join('\n'),
      'src-main/core.ts':
        "import Database from 'better-sqlite3';\nimport { readFile } from 'node:fs/promises';\nimport { resample } from '../src-workers/bars/resample.ts';\nimport Piscina from 'piscina';\n",
      'src-main/shell/main.ts': "import { app } from 'electron';\nimport Store from 'electron-store';\n",
      'tests/unit/x.test.ts': "import fs from 'node:fs';\nimport { run } from '../../src-main/core.ts';\n",
    });
    const { files, violations } = scanLayers(root);
    expect(violations.map(formatViolation)).toEqual([]);
    expect(files).toBe(7);
  });

  it('exits 1 from the command line with one line per violation', () => {
    const root = tree({ 'src-renderer/pages/X.tsx': "\n// reads a file\nimport { readFileSync } from 'node:fs';\n" });
    const run = spawnSync(process.execPath, [scriptPath, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('src-renderer/pages/X.tsx:3 imports "node:fs": the renderer may not use Node modules\n');
  });

  it('prints a summary and exits 0 from the command line when clean', () => {
    const root = tree({ 'src-shared/a.ts': "import { z } from 'zod';\n", 'src-workers/b.ts': "import '../src-shared/a.ts';\n" });
    const run = spawnSync(process.execPath, [scriptPath, root], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('layers: 2 files checked, no violations\n');
  });

  it('passes the real repository', () => {
    expect(checkLayers(process.cwd()).map(formatViolation)).toEqual([]);
  });
});
