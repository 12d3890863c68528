/** Helpers that turn errors and durations into the readable lines of a connection's log. */

/** "850 ms", "1.5 s", "2 min 5 s": for countdowns and retry messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** The message of whatever was thrown, for a log line or a status. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * A function that blanks every occurrence of the given secrets. Sources are expected to keep keys
 * out of their errors; this is the second line, for a vendor library that echoes a signed URL or
 * a header back in its message. Very short values are skipped: blanking "1" would mangle the text.
 */
export function makeRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const present = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  // Longest first, so a secret containing another is blanked whole.
  present.sort((a, b) => b.length - a.length);
  return (text) => present.reduce((out, secret) => out.split(secret).join('***'), text);
}
