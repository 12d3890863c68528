#!/usr/bin/env node
// Layer check (DESIGN.md "Layering rules"): which src-* folder may import which, and which npm
// packages each may use. Scans import/export-from/import()/require() specifiers; no dependencies.
//
//   node scripts/check-layers.mjs [rootDir]     exit 1 with one line per violation
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAYERS = ['src-shared', 'src-workers', 'src-main', 'src-renderer'];
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const BUILTINS = new Set(builtinModules);

const PACKAGES = {
  'src-shared': ['zod', '@msgpack/msgpack'],
  'src-workers': ['zod', 'trading-signals', 'technicalindicators'],
  'src-renderer': ['react', 'react-dom', '@mantine/*', '@tabler/icons-react', 'lightweight-charts', 'zod', '@msgpack/msgpack'],
};
/** The one worker file that runs as the piscina entry, and what it may use besides the worker rules. */
const WORKER_ENTRY = 'src-workers/pool-worker.ts';
const WORKER_ENTRY_EXTRAS = ['node:worker_threads', 'worker_threads', 'piscina'];

/**
 * @typedef {{ file: string, line: number, specifier: string, reason: string }} Violation
 *   `file` is relative to the root, with forward slashes.
 */

/**
 * Why `specifier`, imported by `file` (relative path with forward slashes), breaks the layering,
 * or null when it does not.
 * @param {string} file
 * @param {string} specifier
 * @param {boolean} typeOnly  `import type` / `export type`: erased at build time
 * @returns {string | null}
 */
export function judgeImport(file, specifier, typeOnly) {
  const layer = file.split('/')[0];
  const target = classify(file, specifier);
  switch (layer) {
    case 'src-shared':
      if (target.kind === 'layer' && target.layer !== 'src-shared') return `src-shared imports nothing else of ours (this is ${target.layer})`;
      if (target.kind === 'builtin') return 'src-shared may not use Node modules';
      if (target.kind === 'package' && !allowed(PACKAGES['src-shared'], target.name)) return `src-shared may use only the npm packages ${list('src-shared')}`;
      return null;
    case 'src-workers':
      if (file === WORKER_ENTRY && WORKER_ENTRY_EXTRAS.includes(target.kind === 'package' ? target.name : specifier)) return null;
      if (target.kind === 'layer' && (target.layer === 'src-main' || target.layer === 'src-renderer')) return `src-workers may import only src-shared of ours (this is ${target.layer})`;
      if (target.kind === 'builtin') return `src-workers may not use Node modules (only ${WORKER_ENTRY} may use node:worker_threads)`;
      if (target.kind === 'package' && !allowed(PACKAGES['src-workers'], target.name)) return `src-workers may use only the npm packages ${list('src-workers')}`;
      return null;
    case 'src-renderer':
      if (target.kind === 'layer' && (target.layer === 'src-main' || target.layer === 'src-workers')) {
        return typeOnly ? null : `the renderer reaches ${target.layer} only through the typed client (import type is allowed)`;
      }
      if (target.kind === 'builtin') return 'the renderer may not use Node modules';
      if (target.kind === 'package' && target.name === 'electron') return 'the renderer may not use Electron (the preload lives in src-main/shell/)';
      if (target.kind === 'package' && !allowed(PACKAGES['src-renderer'], target.name)) return `the renderer may use only the npm packages ${list('src-renderer')}`;
      return null;
    case 'src-main':
      if (target.kind === 'layer' && target.layer === 'src-renderer') return 'src-main may not import the renderer';
      if (target.kind === 'package' && (target.name === 'electron' || target.name === 'electron-store') && !file.startsWith('src-main/shell/')) {
        return 'Electron stays in src-main/shell/';
      }
      return null;
    default:
      return null;
  }
}

/**
 * @param {string} file
 * @param {string} specifier
 * @returns {{ kind: 'layer', layer: string } | { kind: 'local' } | { kind: 'builtin' } | { kind: 'package', name: string }}
 */
function classify(file, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const landed = resolve('/', dirname(file), specifier.replace(/[?#].*$/, '')).split(sep === '\\' ? /[\\/]/ : '/')[1];
    return LAYERS.includes(landed) ? { kind: 'layer', layer: landed } : { kind: 'local' };
  }
  if (specifier.startsWith('node:')) return { kind: 'builtin' };
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (BUILTINS.has(specifier) || BUILTINS.has(name)) return { kind: 'builtin' };
  return { kind: 'package', name };
}

/** @param {readonly string[]} patterns @param {string} name */
function allowed(patterns, name) {
  return patterns.some((p) => (p.endsWith('/*') ? name.startsWith(p.slice(0, -1)) : p === name));
}

/** @param {keyof typeof PACKAGES} layer */
function list(layer) {
  return PACKAGES[layer].join(', ');
}

/**
 * Scans every source file of the four layers under `rootDir`.
 * @param {string} rootDir
 * @returns {{ files: number, violations: Violation[] }}
 */
export function scanLayers(rootDir) {
  /** @type {Violation[]} */
  const violations = [];
  let files = 0;
  for (const layer of LAYERS) {
    for (const path of sourceFiles(join(rootDir, layer))) {
      files++;
      const file = relative(rootDir, path).split(sep).join('/');
      for (const { specifier, line, typeOnly } of findImports(readFileSync(path, 'utf8'))) {
        const reason = judgeImport(file, specifier, typeOnly);
        if (reason) violations.push({ file, line, specifier, reason });
      }
    }
  }
  return { files, violations };
}

/**
 * The layering violations under `rootDir`, in file order.
 * @param {string} rootDir
 * @returns {Violation[]}
 */
export function checkLayers(rootDir) {
  return scanLayers(rootDir).violations;
}

/** @param {Violation} v */
export function formatViolation(v) {
  return `${v.file}:${v.line} imports "${v.specifier}": ${v.reason}`;
}

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  /** @type {import('node:fs').Dirent[]} */
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.isFile() && SOURCE_FILE.test(entry.name) ? [path] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Finding import specifiers. The source is first masked: comments become spaces and the inside of
// every string, template and regular expression literal becomes spaces, so that only code is left
// for the patterns below; the original text of each string is kept by its offset.

/**
 * @param {string} source
 * @returns {{ specifier: string, line: number, typeOnly: boolean }[]}
 */
export function findImports(source) {
  const { code, strings } = mask(source);
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  /** @param {number} offset */
  const lineOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  /** @type {{ specifier: string, line: number, typeOnly: boolean }[]} */
  const found = [];
  /** @param {number} keywordAt @param {number} quoteAt @param {boolean} typeOnly */
  const add = (keywordAt, quoteAt, typeOnly) => {
    const specifier = strings.get(quoteAt);
    if (specifier !== undefined) found.push({ specifier, line: lineOf(keywordAt), typeOnly });
  };

  const keyword = /(?<![\w$.])(import|export|require)(?![\w$])/g;
  // After `import`/`export`: an optional `type`, a clause of names, braces, commas and stars, `from`.
  const fromClause = /(\s+type(?![\w$]))?([\s\w$,{}*]*?)(?<![\w$])from\s*(?=['"])/y;
  const sideEffect = /\s*(?=['"])/y;
  const call = /\s*\(\s*(?=['"`])/y;
  for (let match; (match = keyword.exec(code)); ) {
    const at = match.index;
    const after = at + match[1].length;
    if (match[1] === 'require') {
      call.lastIndex = after;
      if (call.exec(code)) add(at, call.lastIndex, false);
      continue;
    }
    call.lastIndex = after;
    if (match[1] === 'import' && call.exec(code)) {
      add(at, call.lastIndex, isTypePosition(code, at, call.lastIndex));
      continue;
    }
    fromClause.lastIndex = after;
    const clause = fromClause.exec(code);
    // A clause never holds another statement's keyword; if it seems to, this keyword is not a
    // module statement (e.g. `export default foo` followed by an import), and that keyword is next.
    if (clause && !/(?<![\w$])(?:import|export)(?![\w$])/.test(clause[2])) {
      // `import type from 'x'` and `import type, { a } from 'x'` import a default export named `type`.
      add(at, fromClause.lastIndex, clause[1] !== undefined && /\S/.test(clause[2]) && !/^\s*,/.test(clause[2]));
      continue;
    }
    sideEffect.lastIndex = after;
    if (match[1] === 'import' && sideEffect.exec(code)) add(at, sideEffect.lastIndex, false);
  }
  return found;
}

/**
 * `import('x')` in a type position: `typeof import('x')` or `import('x').Name` (but not the
 * promise methods `.then`, `.catch`, `.finally`).
 * @param {string} code @param {number} at @param {number} quoteAt
 */
function isTypePosition(code, at, quoteAt) {
  if (/(?<![\w$])typeof\s*$/.test(code.slice(Math.max(0, at - 20), at))) return true;
  const close = code.indexOf(')', quoteAt + 1);
  if (close < 0) return false;
  const member = /^\s*\.\s*([\w$]+)/.exec(code.slice(close + 1, close + 80));
  return member !== null && !['then', 'catch', 'finally'].includes(member[1]);
}

/**
 * Masks comments and literal contents. Returns the masked code (same length and line breaks as
 * the source) and the text of every plain string literal, by the offset of its opening quote.
 * JSX text may hold apostrophes, and regular expressions are told from division by the token
 * before them, so quoted strings end at a line break rather than running on.
 * @param {string} source
 */
function mask(source) {
  const out = source.split('');
  /** @type {Map<number, string>} */
  const strings = new Map();
  const blank = (/** @type {number} */ from, /** @type {number} */ to) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  /** Brace depths at which an enclosing template literal resumes after `${ … }`. */
  const templates = [];
  let depth = 0;
  let i = 0;
  const n = source.length;
  /** The last significant code character, to tell a regular expression from a division. */
  let prev = '';
  let prevWord = '';

  /** Scans a template literal's text from `i` (just after ` or }) to its end or to `${`. */
  const templateText = () => {
    const start = i;
    while (i < n) {
      const ch = source[i];
      if (ch === '\\') i += 2;
      else if (ch === '`') {
        blank(start, i);
        i++;
        return true;
      } else if (ch === '$' && source[i + 1] === '{') {
        blank(start, i);
        templates.push(depth);
        depth++;
        i += 2;
        return false;
      } else i++;
    }
    blank(start, n);
    return true;
  };

  while (i < n) {
    const ch = source[i];
    const next = source[i + 1];
    if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < n && source[j] !== ch && source[j] !== '\n') {
        if (source[j] === '\\') {
          text += source.slice(j, j + 2);
          j += 2;
        } else text += source[j++];
      }
      strings.set(i, text);
      blank(i + 1, Math.min(j, n));
      i = source[j] === ch ? j + 1 : j;
      prev = ch;
      prevWord = '';
    } else if (ch === '`') {
      const start = i;
      i++;
      const closed = templateText();
      // A template without substitutions is a plain string, as in import(`./x.ts`).
      if (closed) strings.set(start, source.slice(start + 1, i - 1));
      prev = '`';
      prevWord = '';
    } else if (ch === '/' && regexCanStart(prev, prevWord)) {
      let j = i + 1;
      let inClass = false;
      while (j < n && source[j] !== '\n') {
        const c = source[j];
        if (c === '\\') j += 2;
        else {
          if (c === '[') inClass = true;
          else if (c === ']') inClass = false;
          else if (c === '/' && !inClass) break;
          j++;
        }
      }
      blank(i + 1, Math.min(j, n));
      i = j + 1;
      prev = '/';
      prevWord = '';
    } else {
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          i++;
          templateText();
          prev = '`';
          prevWord = '';
          continue;
        }
      }
      if (/[\w$]/.test(ch)) {
        let j = i;
        while (j < n && /[\w$]/.test(source[j])) j++;
        prevWord = source.slice(i, j);
        prev = source[j - 1];
        i = j;
        continue;
      }
      if (!/\s/.test(ch)) {
        prev = ch;
        prevWord = '';
      }
      i++;
    }
  }
  return { code: out.join(''), strings };
}

/** @param {string} prev @param {string} prevWord */
function regexCanStart(prev, prevWord) {
  if (prevWord) return /^(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/.test(prevWord);
  return prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev);
}

// ---------------------------------------------------------------------------------------------

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, violations } = scanLayers(root);
  if (violations.length > 0) {
    for (const v of violations) console.error(formatViolation(v));
    console.error(`layers: ${files} files checked, ${violations.length} violation${violations.length === 1 ? '' : 's'}`);
    process.exit(1);
  }
  console.log(`layers: ${files} files checked, no violations`);
}
