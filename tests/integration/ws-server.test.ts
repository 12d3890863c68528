import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import fc from 'fast-check';
import { requests } from '../../src-shared/contract/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../src-shared/transport/codec.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { startServer, type RunningServer } from '../../src-main/server/http-server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { TestSocket } from '../support/ws-client.ts';

describe('WebSocket transport', () => {
  const tmp = tempDir();
  let core: CoreInternals;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    const webRoot = join(tmp.dir, 'web');
    mkdirSync(webRoot);
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Candlewick</title>');
    core = await createCore({ dataDir: join(tmp.dir, 'ws'), poolSize: 1, validateOutput: true });
    server = await startServer({ core, webRoot, port: 0 });
    base = `ws://127.0.0.1:${server.port}/ws`;
  });
  afterAll(async () => {
    await server.close();
    await core.close();
    tmp.cleanup();
  });

  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(24);
  });

  it('refuses a socket without the token or with a wrong one', async () => {
    await expect(TestSocket.open(base)).rejects.toThrow('HTTP 401');
    await expect(TestSocket.open(`${base}?token=${server.token}x`)).rejects.toThrow('HTTP 401');
    // A plain GET tells a browser the same, which a refused upgrade cannot.
    const http = `http://127.0.0.1:${server.port}/ws`;
    expect((await fetch(`${http}?token=wrong`)).status).toBe(401);
    expect((await fetch(`${http}?token=${server.token}`)).status).toBe(426);
  });

  it('refuses a foreign Origin or Host (DNS rebinding)', async () => {
    const url = `${base}?token=${server.token}`;
    await expect(TestSocket.open(url, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(TestSocket.open(url, { Host: `evil.example:${server.port}` })).rejects.toThrow('HTTP 403');
    expect(await statusWithHost(server.port, 'evil.example')).toBe(421);
    expect(await statusWithHost(server.port, `127.0.0.1:${server.port}`)).toBe(200);
  });

  it('serves the UI with a strict content security policy', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/some/client/route`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Candlewick</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`http://127.0.0.1:${server.port}/..%2f..%2fpackage.json`);
    expect(await escape.text()).not.toContain('"dependencies"');
  });

  it('says hello, then answers requests with typed arrays intact', async () => {
    const client = await TestSocket.open(`${base}?token=${server.token}`);
    expect(await client.waitFor((f) => f.t === 'hello')).toMatchObject({ t: 'hello', protocol: 1 });
    const list = await client.request('instruments.list', {});
    expect(list.ok).toBe(true);
    const demo = (list as { out: { id: number; symbol: string; series: { timeframe: string; count: number }[] }[] }).out;
    const eq = demo.find((i) => i.symbol === 'DEMO-EQ')!;
    const bars = await client.request('bars.query', { instrumentId: eq.id, timeframe: '1d', limit: 100 });
    expect(bars.ok).toBe(true);
    const out = (bars as { out: { bars: { time: Float64Array; close: Float64Array } } }).out;
    expect(out.bars.time).toBeInstanceOf(Float64Array);
    expect(out.bars.close).toBeInstanceOf(Float64Array);
    expect(out.bars.time.length).toBe(100);
    client.close();
  });

  it('answers malformed frames with VALIDATION_FAILED and keeps the connection', async () => {
    const client = await TestSocket.open(`${base}?token=${server.token}`);
    client.sendRaw('{"t":"req"}');
    client.sendRaw(new Uint8Array([0xc1, 0xff, 0x00]));
    client.sendRaw(encodeFrame({ t: 'req', id: 7, ch: 42 }));
    client.sendRaw(encodeFrame({ t: 'nonsense' }));
    const bad = await client.request('bars.query', { instrumentId: 'ORCL', timeframe: '1d' });
    expect(bad).toMatchObject({ ok: false, err: { code: 'VALIDATION_FAILED' } });
    expect((bad as { err: { message: string } }).err.message).toContain('instrumentId');
    const badFrame = await client.waitFor((f) => f.t === 'res' && f.id === 7);
    expect(badFrame).toMatchObject({ ok: false, err: { code: 'VALIDATION_FAILED' } });
    expect((badFrame as { err: { message: string } }).err.message).toContain('ch');
    const refusals = client.frames.filter((f) => f.t === 'res' && !f.ok);
    expect(refusals.length).toBeGreaterThanOrEqual(5);
    const still = await client.request('workspace.info', {});
    expect(still.ok).toBe(true);
    client.close();
  });

  it('survives arbitrary input on every channel and answers each request', async () => {
    const client = await TestSocket.open(`${base}?token=${server.token}`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(requests)), fc.anything({ withTypedArray: true }), async (ch, input) => {
        const res = await client.request(ch, input);
        expect(res.t).toBe('res');
        if (!res.ok) expect(['VALIDATION_FAILED', 'NOT_FOUND']).toContain(res.err.code);
      }),
      { numRuns: 150 },
    );
    expect((await client.request('workspace.info', {})).ok).toBe(true);
    client.close();
  });

  it('answers a request whose input carries a __proto__ key, with its id (msgpack refuses the key outright)', async () => {
    const client = await TestSocket.open(`${base}?token=${server.token}`);
    const res = await client.request('workspace.info', JSON.parse('{"__proto__": 0}'));
    expect(res).toMatchObject({ t: 'res', ok: false, err: { code: 'VALIDATION_FAILED' } });
    client.close();
  });

  it('streams job events to subscribers during an import', async () => {
    const client = await TestSocket.open(`${base}?token=${server.token}`);
    client.subscribe('jobs.updated');
    client.subscribe('instruments.changed');
    const csv = 'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n2024-01-03,10.5,12,10,11.5,1200\n';
    const preview = await client.request('import.preview', { fileName: 'abc.csv', data: new TextEncoder().encode(csv) });
    expect(preview.ok).toBe(true);
    const p = (preview as { out: { stagedId: string; detection: { options: unknown } } }).out;
    const started = await client.request('import.start', {
      stagedId: p.stagedId,
      options: p.detection.options,
      instrument: { symbol: 'ABC' },
    });
    expect(started.ok).toBe(true);
    const jobId = (started as { out: { jobId: string } }).out.jobId;
    const done = await client.waitFor((f) => f.t === 'ev' && f.ev === 'jobs.updated' && (f.p as { id: string; state: string }).id === jobId && (f.p as { state: string }).state === 'done');
    expect((done as { p: { result: { inserted: number } } }).p.result.inserted).toBe(2);
    await client.waitFor((f) => f.t === 'ev' && f.ev === 'instruments.changed');
    client.close();
  });
});

/** fetch() may not set Host; a raw request can, as a rebinding attacker's page would. */
function statusWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
