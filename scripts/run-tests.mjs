// The test suites of `npm test`: the soak tests (minutes of mostly waiting on fake venues) start
// first and run beside the unit + integration suite and then the browser suite; the run fails if any
// of them fails. Soak output is prefixed so interleaved lines stay readable.
import { spawn } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, prefix) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    if (prefix) {
      for (const stream of [child.stdout, child.stderr]) {
        let rest = '';
        stream.on('data', (chunk) => {
          const lines = (rest + chunk.toString()).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
        });
        stream.on('end', () => { if (rest) process.stdout.write(`${prefix}${rest}\n`); });
      }
    }
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const soak = run(npx, ['vitest', 'run', '--config', 'vitest.soak.config.ts'], '[soak] ');
const main = await run(npx, ['vitest', 'run']);
const e2e = main === 0 ? await run(npm, ['run', 'test:e2e']) : 1;
const soakCode = await soak;
const failed = [main !== 0 && 'unit + integration', e2e !== 0 && (main === 0 ? 'e2e' : 'e2e (not run)'), soakCode !== 0 && 'soak'].filter(Boolean);
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nAll suites passed: unit + integration, e2e, soak.');
