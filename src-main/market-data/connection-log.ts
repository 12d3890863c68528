import type { ConnectionLogEntry } from '../../src-shared/domain/connection.ts';

const KEEP = 1000;

/** The last thousand log lines of each connection, in memory: what the Connections page's log shows. */
export class ConnectionLog {
  private readonly lines = new Map<string, ConnectionLogEntry[]>();

  add(entry: ConnectionLogEntry): void {
    let list = this.lines.get(entry.connectionId);
    if (!list) this.lines.set(entry.connectionId, (list = []));
    list.push(entry);
    // Trim in blocks so a chatty connection does not shift the array on every line.
    if (list.length > KEEP * 1.5) list.splice(0, list.length - KEEP);
  }

  newestFirst(connectionId: string, limit: number): ConnectionLogEntry[] {
    const list = this.lines.get(connectionId) ?? [];
    return list.slice(Math.max(0, list.length - limit)).reverse();
  }

  forget(connectionId: string): void {
    this.lines.delete(connectionId);
  }
}
