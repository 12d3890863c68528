/**
 * Where unexpected errors go. Messages are written to stderr with a time stamp; vendor errors
 * must be stripped of secrets before they reach here (STYLE.md §3).
 */
export function logBug(where: string, error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${new Date().toISOString()} [bug] ${where}: ${text}\n`);
}
