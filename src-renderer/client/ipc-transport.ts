import type { Result } from '../../src-shared/contract/index.ts';
import type { ConnectionState, PreloadBridge, Transport } from '../../src-shared/transport/transport.ts';
import { TransportError } from './client-error.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    candlewick?: PreloadBridge;
  }
}

/** The Electron transport: the preload bridge, which is always connected while the window lives. */
export class IpcTransport implements Transport {
  readonly state: ConnectionState = 'open';

  constructor(private readonly bridge: PreloadBridge) {}

  async invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    try {
      return await this.bridge.invoke(channel, input);
    } catch (error) {
      // The bridge itself failed (structured clone of an unsupported value, window closing).
      const message = error instanceof Error ? error.message : String(error);
      throw new TransportError('PROTOCOL', `IPC call "${channel}" failed: ${message}`);
    }
  }

  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    return this.bridge.on(event, listener);
  }

  onState(): () => void {
    return () => {};
  }
}

export function preloadBridge(): PreloadBridge | null {
  return typeof window !== 'undefined' && window.candlewick ? window.candlewick : null;
}
