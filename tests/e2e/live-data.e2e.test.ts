// The live-data issue tried as a new user would: Chromium against `candlewick serve` with the fake
// exchange running. Add a connection pointed at the fake, connect, backfill a week of 1m bars, stream
// BTC/USDT live onto the chart, then drop the fake's sockets and watch the state go to
// reconnecting and back to live.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../fakes/exchange/server.ts';
import { launchChromium, startServe, type ServeProcess } from '../support/browser.ts';
import { runCli } from '../support/cli.ts';
import { pickMarket } from '../support/market-picker.ts';
import { tempDir } from '../support/temp-dir.ts';

const shots = join(process.cwd(), 'test-results');
mkdirSync(shots, { recursive: true });
const NAME = 'Fake Binance';

describe('live market data through the UI (fake exchange)', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'workspace');
  let fake: FakeExchange;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const card = () => page.getByRole('region', { name: `Connection ${NAME}` });
  const stateOf = () => page.getByLabel(`${NAME} state`).getAttribute('data-state');

  beforeAll(async () => {
    fake = await startFakeExchange();
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
    await fake?.close();
    tmp.cleanup();
  });

  it('adds a connection to the fake exchange and connects: the state goes live', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('dialog', { name: 'Add connection' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
    await form.getByRole('button', { name: 'Advanced' }).click();
    await form.getByRole('textbox', { name: 'REST URL' }).fill(fake.restUrl);
    await form.getByRole('textbox', { name: 'Websocket URL' }).fill(fake.wsUrl);
    await form.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => form.getByTestId('connection-form-test').innerText(), { timeout: 30_000 }).toMatch(/Connected to binance: \d+ markets/);
    await form.getByRole('button', { name: 'Save' }).click();
    await card().waitFor();
    await card().getByRole('button', { name: 'Connect' }).click();
    await expect.poll(stateOf, { timeout: 30_000 }).toBe('live');
  });

  it('backfills a week of BTC/USDT 1m bars with progress to done, all stored', async () => {
    await card().getByRole('button', { name: 'Backfill…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Backfill history' });
    await pickMarket(page, dialog.getByRole('combobox', { name: 'Symbol' }), 'BTC/USDT');
    await dialog.getByRole('combobox', { name: 'Timeframe' }).click();
    await page.getByRole('option', { name: /^1m/ }).first().click();
    await dialog.getByRole('button', { name: 'Last 7 days' }).click();
    await expect.poll(() => dialog.getByTestId('backfill-plan').innerText(), { timeout: 30_000 }).toMatch(/Bars\s+10,\d{3}/);
    await dialog.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => dialog.getByTestId('backfill-progress').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    await page.screenshot({ path: join(shots, 'live-data-backfill.png') });
    await page.keyboard.press('Escape');
    const bars = await runCli(['symbols', '--data-dir', dataDir, '--json']);
    const series = (JSON.parse(bars.stdout) as { symbol: string; series: { timeframe: string; count: number }[] }[]).find((i) => i.symbol === 'BTC/USDT')!;
    // 7 days × 1,440 minutes, the last partly: at least 10,070 bars.
    expect(series.series.find((s) => s.timeframe === '1m')!.count).toBeGreaterThanOrEqual(10_070);
  });

  it('streams BTC/USDT live onto the chart: the forming bar moves', async () => {
    await page.getByRole('button', { name: 'Add live symbol' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a live symbol' });
    await pickMarket(page, dialog.getByRole('combobox', { name: 'Symbol' }), 'BTC/USDT');
    await dialog.getByRole('button', { name: 'Start streaming' }).click();
    const table = page.getByRole('table', { name: 'Live symbols table' });
    await expect.poll(() => table.innerText(), { timeout: 30_000 }).toMatch(/BTC\/USDT/);
    await page.getByRole('button', { name: 'Open BTC/USDT on chart' }).click();
    await page.getByTestId('live-badge').waitFor({ timeout: 30_000 });
    const legend = page.getByTestId('chart-legend');
    await expect.poll(() => legend.innerText(), { timeout: 30_000 }).toMatch(/BTC\/USDT/);
    const before = await legend.innerText();
    await expect.poll(() => legend.innerText(), { timeout: 30_000, interval: 500 }).not.toBe(before);
    await page.screenshot({ path: join(shots, 'live-data-chart.png') });
  });

  it('shows reconnecting when the fake drops its sockets, then live again', async () => {
    await page.getByRole('link', { name: /^Connections/ }).click();
    await card().waitFor();
    // Every state the badge takes from now on, seen in the page (a reconnect can take well under a second).
    // (A script string: this project's test code is type-checked without the DOM library.)
    await page.evaluate(`(() => {
      const badge = document.querySelector('[aria-label="${NAME} state"]');
      window.seenStates = [];
      new MutationObserver(() => window.seenStates.push(badge.getAttribute('data-state'))).observe(badge, { attributes: true, attributeFilter: ['data-state'] });
    })()`);
    fake.faults.dropSockets();
    await expect.poll(() => page.evaluate('window.seenStates') as Promise<string[]>, { timeout: 30_000 }).toContain('reconnecting');
    await expect.poll(stateOf, { timeout: 30_000 }).toBe('live');
    await page.screenshot({ path: join(shots, 'live-data-reconnected.png') });
  });

  it('checks the streamed series on the Quality page: a score, no gaps in a 24/7 market', async () => {
    await page.getByRole('link', { name: /^Quality/ }).click();
    await page.getByRole('combobox', { name: 'Series' }).click();
    await page.getByRole('option', { name: /^BTC\/USDT \(binance@127\.0\.0\.1:\d+\) · 1m/ }).click();
    const score = page.getByTestId('quality-score');
    await expect.poll(() => score.innerText(), { timeout: 30_000 }).toMatch(/^\d+(\.\d)?$/);
    // A backfilled week plus live minutes of a venue that never closes: nothing missing, nothing impossible.
    expect(Number(await score.innerText())).toBeGreaterThanOrEqual(95);
    await page.getByRole('tab', { name: /^Gaps/ }).click();
    await expect.poll(() => page.getByRole('tabpanel').innerText()).toMatch(/no gaps|No gaps|nothing missing/i);
    await page.screenshot({ path: join(shots, 'live-data-quality.png') });
  });
});
