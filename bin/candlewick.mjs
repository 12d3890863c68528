#!/usr/bin/env node
// The `candlewick` command of a source checkout: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src-main/cli/entry.ts', import.meta.url).href);
