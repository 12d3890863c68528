// Issue 7 tried as a new user would: Chromium against `candlewick serve` with the fake TWS and the
// fake Alpaca running. Connect IB, search a contract, backfill it, watch live bars on the chart;
// then the same with Alpaca.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KEY } from '../fakes/alpaca/access.ts';
import { startFakeAlpaca, type FakeAlpaca } from '../fakes/alpaca/server.ts';
import { startFakeTws, type FakeTws } from '../fakes/tws/server.ts';
import { launchChromium, startServe, type ServeProcess } from '../support/browser.ts';
import { runCli } from '../support/cli.ts';
import { pickMarket } from '../support/market-picker.ts';
import { tempDir } from '../support/temp-dir.ts';

const shots = join(process.cwd(), 'test-results');
mkdirSync(shots, { recursive: true });

describe('brokers through the UI (fake TWS, fake Alpaca)', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'workspace');
  let tws: FakeTws;
  let alpaca: FakeAlpaca;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const card = (name: string) => page.getByRole('region', { name: `Connection ${name}` });
  const stateOf = (name: string) => () => page.getByLabel(`${name} state`).getAttribute('data-state');

  beforeAll(async () => {
    tws = await startFakeTws();
    alpaca = await startFakeAlpaca({ origin: Date.now() - 30 * 86_400_000 });
    serve = await startServe(dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(serve.url);
    await page.getByRole('link', { name: /^Connections/ }).click();
    await page.getByRole('button', { name: 'Add connection' }).waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await tws?.close();
    await alpaca?.close();
    tmp.cleanup();
  });

  it('adds the IB connection (host, port, client id), tests it and connects', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('dialog', { name: 'Add connection' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Fake TWS');
    await form.getByLabel('Interactive Brokers (TWS / IB Gateway)').click();
    await form.getByRole('textbox', { name: 'TWS host' }).fill('127.0.0.1');
    await form.getByRole('textbox', { name: 'Port', exact: true }).fill(String(tws.port));
    await form.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => form.getByTestId('connection-form-test').innerText(), { timeout: 30_000 }).toMatch(/Connected to Interactive Brokers at 127\.0\.0\.1:\d+/);
    await page.screenshot({ path: join(shots, 'brokers-ib-form.png') });
    await form.getByRole('button', { name: 'Save' }).click();
    await card('Fake TWS').getByRole('button', { name: 'Connect' }).click();
    await expect.poll(stateOf('Fake TWS'), { timeout: 30_000 }).toBe('live');
  });

  it('searches AAPL on IB and backfills a week of minutes', async () => {
    await card('Fake TWS').getByRole('button', { name: 'Backfill…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Backfill history' });
    await pickMarket(page, dialog.getByRole('combobox', { name: 'Symbol' }), 'AAPL');
    await dialog.getByRole('combobox', { name: 'Timeframe' }).click();
    await page.getByRole('option', { name: /^1m/ }).first().click();
    await dialog.getByRole('button', { name: 'Last 7 days' }).click();
    await expect.poll(() => dialog.getByTestId('backfill-plan').innerText(), { timeout: 30_000 }).toMatch(/Bars\s+[\d,]+/);
    await dialog.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => dialog.getByTestId('backfill-progress').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    await page.screenshot({ path: join(shots, 'brokers-ib-backfill.png') });
    await page.keyboard.press('Escape');
    // A week holds at least four whole weekdays of 390 regular-hours minutes.
    expect(await storedCount('AAPL', 'ib@')).toBeGreaterThanOrEqual(4 * 390);
  });

  it('streams BTC.USD@PAXOS from IB onto the chart: the forming bar moves', async () => {
    await watchLive(page, 'Fake TWS', 'BTC', 'BTC.USD@PAXOS');
    await page.screenshot({ path: join(shots, 'brokers-ib-live.png') });
  });

  it('adds the Alpaca connection with keys and fake URLs, and connects', async () => {
    await page.getByRole('link', { name: /^Connections/ }).click();
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('dialog', { name: 'Add connection' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Fake Alpaca');
    await form.getByLabel('Alpaca', { exact: true }).click();
    await form.getByRole('textbox', { name: 'API key' }).fill(DEFAULT_KEY.keyId);
    await form.getByLabel('Secret', { exact: true }).fill(DEFAULT_KEY.secret);
    await form.getByRole('button', { name: 'Advanced' }).click();
    await form.getByRole('textbox', { name: 'Market data REST URL' }).fill(alpaca.urls.data);
    await form.getByRole('textbox', { name: 'Stream URL' }).fill(alpaca.urls.stream);
    await form.getByRole('textbox', { name: 'Trading API URL' }).fill(alpaca.urls.tradingPaper);
    await form.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => form.getByTestId('connection-form-test').innerText(), { timeout: 30_000 }).toMatch(/Connected to Alpaca \(paper\): \d+ markets/);
    await form.getByRole('button', { name: 'Save' }).click();
    await card('Fake Alpaca').getByRole('button', { name: 'Connect' }).click();
    await expect.poll(stateOf('Fake Alpaca'), { timeout: 30_000 }).toBe('live');
    // The secret went to the encrypted store only: nothing on the page shows it.
    expect(await page.content()).not.toContain(DEFAULT_KEY.secret);
  });

  it('backfills a week of BTC/USD minutes from Alpaca and streams it onto the chart', async () => {
    await card('Fake Alpaca').getByRole('button', { name: 'Backfill…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Backfill history' });
    await pickMarket(page, dialog.getByRole('combobox', { name: 'Symbol' }), 'BTC/USD');
    await dialog.getByRole('combobox', { name: 'Timeframe' }).click();
    await page.getByRole('option', { name: /^1m/ }).first().click();
    await dialog.getByRole('button', { name: 'Last 7 days' }).click();
    await dialog.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => dialog.getByTestId('backfill-progress').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    await page.keyboard.press('Escape');
    expect(await storedCount('BTC/USD', 'alpaca')).toBeGreaterThanOrEqual(7 * 1440 - 30);
    await watchLive(page, 'Fake Alpaca', 'BTC/USD', 'BTC/USD');
    await page.screenshot({ path: join(shots, 'brokers-alpaca-live.png') });
  });

  async function storedCount(symbol: string, venue: string): Promise<number> {
    const listed = await runCli(['symbols', '--data-dir', dataDir, '--json']);
    const all = JSON.parse(listed.stdout) as { symbol: string; venue: string; series: { timeframe: string; count: number }[] }[];
    const series = all.find((i) => i.symbol === symbol && i.venue.startsWith(venue));
    return series?.series.find((s) => s.timeframe === '1m')?.count ?? 0;
  }
});

/** Adds a live symbol on a connection, opens it on the chart and waits for the forming bar to change. */
async function watchLive(page: Page, connection: string, typed: string, symbol: string): Promise<void> {
  await page.getByRole('link', { name: /^Connections/ }).click();
  await page.getByRole('button', { name: 'Add live symbol' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a live symbol' });
  await dialog.getByRole('combobox', { name: 'Connection' }).click();
  await page.getByRole('option', { name: new RegExp(`^${connection}`) }).click();
  await pickMarket(page, dialog.getByRole('combobox', { name: 'Symbol' }), symbol, typed);
  await dialog.getByRole('button', { name: 'Start streaming' }).click();
  const table = page.getByRole('table', { name: 'Live symbols table' });
  await expect.poll(() => table.innerText(), { timeout: 30_000 }).toContain(symbol);
  await page.getByRole('button', { name: `Open ${symbol} on chart` }).click();
  await page.getByTestId('live-badge').waitFor({ timeout: 30_000 });
  const legend = page.getByTestId('chart-legend');
  await expect.poll(() => legend.innerText(), { timeout: 30_000 }).toContain(symbol);
  const before = await legend.innerText();
  await expect.poll(() => legend.innerText(), { timeout: 40_000, interval: 500 }).not.toBe(before);
}
