import { WS_PATH } from '../../src-shared/transport/protocol.ts';
import { createClient, type Client, type ClientOptions } from './client.ts';
import { IpcTransport, preloadBridge } from './ipc-transport.ts';
import { accessToken, probeUrl, socketUrl } from './token.ts';
import { WsTransport } from './ws-transport.ts';

/** Electron when the preload bridge is there, the WebSocket of `candlewick serve` otherwise. */
export function connect(options: ClientOptions): Client {
  const bridge = preloadBridge();
  if (bridge) return createClient(new IpcTransport(bridge), options);
  const token = accessToken();
  const transport = new WsTransport({
    url: socketUrl(WS_PATH, token),
    probeUrl: probeUrl(WS_PATH, token),
    hasToken: token !== null,
  });
  return createClient(transport, options);
}
