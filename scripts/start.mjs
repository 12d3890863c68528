#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed (`electron-vite preview`
// builds, then launches it), otherwise the headless server (`candlewick serve`), which serves the
// same UI in a browser. Arguments such as `--data-dir DIR` are passed through to either.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** The Electron executable, or null where its download never happened (as on the build machines). */
function electronBinary() {
  try {
    // The `electron` package exports the executable's path; it throws when the binary is missing.
    const file = require('electron');
    return typeof file === 'string' && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** `--data-dir` made absolute, for a child that runs in another working directory. */
function absoluteDataDir(list) {
  return list.map((arg, i) => {
    if (list[i - 1] === '--data-dir') return resolve(arg);
    if (arg.startsWith('--data-dir=')) return `--data-dir=${resolve(arg.slice('--data-dir='.length))}`;
    return arg;
  });
}

function run(command, commandArgs, cwd) {
  const child = spawn(command, commandArgs, { cwd, stdio: 'inherit' });
  // Forward each signal once: a terminal's Ctrl+C already reaches the child directly, and a
  // second SIGINT would turn the child's graceful shutdown into a forced one.
  const forwarded = new Set();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (forwarded.has(signal) || child.exitCode !== null || child.signalCode !== null) return;
      forwarded.add(signal);
      child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1));
  });
}

if (electronBinary()) {
  const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  // electron-vite launches `electron .`, so it runs from the project folder.
  const electronArgs = absoluteDataDir(args);
  run(process.execPath, [electronVite, 'preview', ...(electronArgs.length > 0 ? ['--', ...electronArgs] : [])], root);
} else {
  const cli = join(root, 'bin', 'candlewick.mjs');
  if (!existsSync(cli)) {
    console.error(`The Electron binary is not installed on this machine, and the headless server (${cli}) is missing too.`);
    process.exit(1);
  }
  console.log('The Electron binary is not installed on this machine: starting the headless server instead (candlewick serve).');
  run(process.execPath, [cli, 'serve', ...args], process.cwd());
}
