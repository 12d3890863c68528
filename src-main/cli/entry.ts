import { runCli } from './main.ts';

// Exit only after stdout has drained, so `candlewick bars --json | head` gets every byte it reads.
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
