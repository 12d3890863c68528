import WebSocket from 'ws';
import { decodeFrame, encodeFrame } from '../../src-shared/transport/codec.ts';
import type { ServerFrame } from '../../src-shared/transport/protocol.ts';

/** A minimal client of the WebSocket protocol for tests: raw frames in, decoded frames out. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private waiters: { match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = decodeFrame(data as Buffer) as ServerFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.match(frame) ? (w.resolve(frame), false) : true));
    });
  }

  static open(url: string, headers?: Record<string, string>): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new TestSocket(socket);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  waitFor(match: (f: ServerFrame) => boolean, timeoutMs = 10_000): Promise<ServerFrame> {
    const found = this.frames.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  sendRaw(data: Uint8Array | string): void {
    this.socket.send(data);
  }

  async request(ch: string, input: unknown): Promise<Extract<ServerFrame, { t: 'res' }>> {
    const id = this.nextId++;
    this.socket.send(encodeFrame({ t: 'req', id, ch, in: input }));
    return (await this.waitFor((f) => f.t === 'res' && f.id === id)) as Extract<ServerFrame, { t: 'res' }>;
  }

  subscribe(ev: string): void {
    this.socket.send(encodeFrame({ t: 'sub', ev }));
  }

  close(): void {
    this.socket.close();
  }
}
