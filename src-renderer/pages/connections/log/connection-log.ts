import type { ConnectionLogEntry } from '../../../../src-shared/domain/connection.ts';

/** Entries the drawer holds at most; the core keeps the full log. */
export const LOG_CAP = 500;

/** Mantine colours by level. */
export const LEVEL_COLOR: Record<ConnectionLogEntry['level'], string> = { info: 'gray', warn: 'orange', error: 'red' };

/** Log entries carry no id: the same time, level and text is the same entry. */
function keyOf(e: ConnectionLogEntry): string {
  return `${e.at}|${e.level}|${e.message}`;
}

/**
 * The drawer's log after `incoming` arrived (the `connections.log` answer, or one event), for one
 * connection: newest first, each entry once, at most `cap`. The answer and the events overlap
 * (an event may arrive before the answer that already holds it), hence the dedupe. Entries of
 * the same millisecond keep the order they were given in, `incoming` first: an event is newer
 * than what is held.
 */
export function mergeLog(
  held: readonly ConnectionLogEntry[],
  incoming: readonly ConnectionLogEntry[],
  connectionId: string,
  cap = LOG_CAP,
): ConnectionLogEntry[] {
  const seen = new Set<string>();
  const out: ConnectionLogEntry[] = [];
  for (const e of [...incoming, ...held]) {
    if (e.connectionId !== connectionId) continue;
    const key = keyOf(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  // Array.prototype.sort is stable: equal times keep the order above.
  out.sort((a, b) => b.at - a.at);
  return out.slice(0, cap);
}
