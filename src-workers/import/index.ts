/**
 * CSV import engine: detection of a file's format and parsing of the whole file into bars.
 * Pure computation over bytes; runs in a worker. See docs/import-formats.md.
 */
export { detectFormat } from './detect.ts';
export { parseFile, MAX_REJECTED_KEPT, type ParseOutcome, type ProgressListener } from './parse.ts';
export { suggestSymbol } from './file-name.ts';
