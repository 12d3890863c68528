import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { launchChromium, startServe, type ServeProcess } from '../support/browser.ts';
import { END_MARKER_COLOR, START_MARKER_COLOR } from '../../src-renderer/pages/chart/replay/replay-markers.ts';
import { grab, heapUsed, inkShare, paneBoxes, rendererMemory, type RendererMemory } from '../support/chart-page.ts';
import { hexColor, shareLike } from '../support/png.ts';
import { seedGeneratedSeries } from '../support/chart-workspace.ts';
import { runCli } from '../support/cli.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

const shots = join(process.cwd(), 'test-results');
mkdirSync(shots, { recursive: true });

async function openChart(page: Page, url: string): Promise<void> {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.getByRole('link', { name: /^Chart/ }).click();
  await page.getByLabel('Symbol').waitFor({ timeout: 30_000 });
}

async function chooseSymbol(page: Page, symbol: string): Promise<void> {
  const input = page.getByLabel('Symbol');
  await input.click();
  await input.fill(symbol);
  await page.getByRole('option', { name: new RegExp(`^${symbol}\\b`) }).first().click();
  await expect.poll(() => input.inputValue()).toBe(symbol);
}

async function chooseTimeframe(page: Page, tf: string): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Timeframe' }).getByText(tf, { exact: true }).click();
  await expect.poll(() => page.getByRole('radio', { name: tf, exact: true }).isChecked()).toBe(true);
}

async function addIndicator(page: Page, search: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add indicator' }).click();
  await page.getByLabel('Search indicators').fill(search);
  await page.getByRole('option', { name, exact: true }).click();
  await expect.poll(() => page.getByLabel('Search indicators').isVisible()).toBe(false);
}

const legend = (page: Page) => page.getByTestId('chart-legend');
const windowText = (page: Page) => page.getByTestId('chart-window').innerText();

async function layoutSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('layout-save-state').innerText(), { timeout: 15_000 }).toBe('Layout saved');
}

describe.skipIf(!sharedDataDir)('the chart as a new user builds it (ORCL daily)', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'workspace');
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const imported = await runCli(['import', sharedDataFile('orcl-1995-2014.csv'), '--symbol', 'ORCL', '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    serve = await startServe(dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openChart(page, serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    tmp.cleanup();
  });

  it('shows ORCL daily with SMA, Bollinger Bands over the price and RSI, MACD in panes of their own', async () => {
    await chooseSymbol(page, 'ORCL');
    await chooseTimeframe(page, '1d');
    await expect.poll(() => windowText(page), { timeout: 30_000 }).toContain('5,000 bars loaded of 5,036');
    await expect.poll(() => legend(page).innerText()).toContain('ORCL');
    await expect.poll(() => page.getByTestId('legend-time').innerText()).toBe('2014-12-31');

    await addIndicator(page, 'simple moving', 'Simple Moving Average');
    await addIndicator(page, 'bollinger', 'Bollinger Bands');
    await addIndicator(page, 'relative strength', 'Relative Strength Index');
    await addIndicator(page, 'macd', 'MACD');
    await expect.poll(() => page.getByTestId('legend-indicator').count(), { timeout: 30_000 }).toBe(4);
    await expect.poll(() => legend(page).innerText()).toContain('SMA(20)');
    await expect.poll(() => legend(page).innerText()).toContain('BB(20, 2)');

    await page.getByRole('button', { name: 'Edit SMA(20)' }).click();
    await page.getByLabel('Period').fill('50');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => legend(page).innerText()).toContain('SMA(50)');
    await expect.poll(() => legend(page).innerText()).not.toContain('SMA(20)');

    // Three panes, each with something drawn in it: price (+ overlays), RSI, MACD.
    await page.mouse.move(10, 10);
    await expect.poll(async () => (await paneBoxes(page)).length, { timeout: 15_000 }).toBe(3);
    const panes = await paneBoxes(page);
    for (let i = 1; i < panes.length; i++) expect(panes[i]!.y).toBeGreaterThanOrEqual(panes[i - 1]!.y + panes[i - 1]!.height - 2);
    expect(panes[0]!.height).toBeGreaterThan(panes[1]!.height);
    for (const pane of panes) expect(await inkShare(page, pane)).toBeGreaterThan(0.01);
    await page.screenshot({ path: join(shots, 'chart-orcl-daily-dark.png') });
  });

  it('switches to weekly and finds the whole layout again after a reload', async () => {
    // Drag the separator under the price pane 120 px up: the heights are part of the layout.
    const [price] = await paneBoxes(page);
    const separator = price!.y + price!.height + 1;
    await page.mouse.move(price!.x + 200, separator);
    await page.mouse.down();
    await page.mouse.move(price!.x + 200, separator - 120, { steps: 6 });
    await page.mouse.up();
    const dragged = (await paneBoxes(page)).map((b) => Math.round(b.height));
    expect(dragged[0]).toBeLessThan(price!.height - 80);
    await chooseTimeframe(page, '1w');
    await expect.poll(() => windowText(page), { timeout: 30_000 }).toMatch(/aggregated from 1d/);
    await layoutSaved(page);
    await page.reload();
    await expect.poll(() => page.getByLabel('Symbol').inputValue(), { timeout: 30_000 }).toBe('ORCL');
    await expect.poll(() => page.getByRole('radio', { name: '1w', exact: true }).isChecked()).toBe(true);
    const rows = page.getByTestId('indicator-row');
    await expect.poll(() => rows.allInnerTexts(), { timeout: 30_000 }).toEqual([
      expect.stringContaining('SMA(50)'),
      expect.stringContaining('BB(20, 2)'),
      expect.stringContaining('RSI(14)'),
      expect.stringContaining('MACD(12, 26, 9)'),
    ]);
    await expect.poll(() => page.getByTestId('legend-indicator').count(), { timeout: 30_000 }).toBe(4);
    await expect.poll(async () => (await paneBoxes(page)).map((b) => Math.round(b.height))).toEqual(dragged);
    await page.screenshot({ path: join(shots, 'chart-orcl-weekly-reloaded.png') });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'chart-orcl-weekly-light.png') });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  });

  it('adds and removes a price line, and marks the start and end of a replay', async () => {
    await page.getByRole('button', { name: 'Price line' }).click();
    await page.getByRole('textbox', { name: 'Price', exact: true }).fill('30');
    await page.getByRole('button', { name: 'Add line' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Remove price line 30.00' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Remove price line 30.00' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Remove price line 30.00' }).count()).toBe(0);

    await chooseTimeframe(page, '1d');
    await expect.poll(() => windowText(page), { timeout: 30_000 }).toContain('5,000 bars loaded of 5,036');
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByLabel('Replay from').fill('2014-12-01');
    await page.getByLabel('Replay speed').selectOption('100');
    const [price] = await paneBoxes(page);
    const markerPixels = async (hex: string) => {
      const image = await grab(page, price!);
      return Math.round(shareLike(image, hexColor(hex)) * image.width * image.height);
    };
    expect(await markerPixels(START_MARKER_COLOR)).toBeLessThan(5);
    await page.getByRole('button', { name: 'Start replay' }).click();
    const chart = page.getByTestId('chart-container');
    await expect.poll(() => chart.getAttribute('data-markers'), { timeout: 30_000 }).toBe('1');
    // setMarkers drew the start marker (an arrow and its text) in its own colour.
    await expect.poll(() => markerPixels(START_MARKER_COLOR), { timeout: 10_000 }).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('replay-progress').innerText(), { timeout: 30_000 }).toContain('ended');
    await expect.poll(() => chart.getAttribute('data-markers')).toBe('2');
    await expect.poll(() => markerPixels(END_MARKER_COLOR), { timeout: 10_000 }).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('legend-time').innerText()).toBe('2014-12-31');
    await page.screenshot({ path: join(shots, 'chart-orcl-replay-ended.png') });
    await page.getByRole('button', { name: 'Stop replay' }).click();
    await expect.poll(() => windowText(page), { timeout: 30_000 }).toContain('5,000 bars loaded of 5,036');
    expect(await chart.getAttribute('data-markers')).toBe('2');
  });

  it('plays, pauses with Space, steps with →, jumps to a date and switches to micro-candles', async () => {
    const progress = () => page.getByTestId('replay-progress').innerText();
    await page.getByLabel('Replay from').fill('2014-06-02');
    await page.getByLabel('Replay speed').selectOption('1');
    await page.getByRole('button', { name: 'Start replay' }).click();
    await expect.poll(progress, { timeout: 30_000 }).toContain('playing');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Space');
    await expect.poll(progress).toContain('paused');
    const before = Number(/^(\d+) \//.exec(await progress())![1]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(/^(\d+) \//.exec(await progress())![1])).toBe(before + 1);
    await expect.poll(() => page.getByTestId('legend-time').innerText()).toBe(/· (\S+) ·/.exec(await progress())![1]);

    await page.getByLabel('Jump to').fill('2014-10-01');
    await page.getByRole('button', { name: 'Jump' }).click();
    await expect.poll(progress, { timeout: 30_000 }).toContain('2014-10-01 · paused');
    await expect.poll(() => page.getByTestId('legend-time').innerText(), { timeout: 30_000 }).toBe('2014-10-01');
    await expect.poll(() => page.getByTestId('legend-indicator').count()).toBe(4);

    await page.getByRole('switch', { name: 'Micro-candles' }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'Micro-candles' }).isChecked(), { timeout: 30_000 }).toBe(true);
    await expect.poll(progress, { timeout: 30_000 }).toContain('2014-10-01 · playing');
    await page.getByRole('button', { name: 'Stop replay' }).click();
    await expect.poll(() => windowText(page), { timeout: 30_000 }).toContain('5,000 bars loaded of 5,036');
    await page.getByRole('button', { name: 'Close replay' }).click();
  });

  it('keeps watchlists and indicator presets, and Ctrl+K searches symbols', async () => {
    await page.getByRole('button', { name: 'New watchlist' }).click();
    await page.getByLabel('Watchlist name').fill('Tech');
    await page.getByRole('button', { name: 'Create' }).click();
    const list = page.getByRole('list', { name: 'Instruments in Tech' });
    await expect.poll(() => list.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('ORCL')]);
    await page.getByRole('button', { name: 'Remove ORCL' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(0);
    await page.getByRole('button', { name: 'Add ORCL' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);

    await page.getByRole('button', { name: 'Presets' }).click();
    await page.getByLabel('Save indicators as').fill('Classic four');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Apply preset Classic four' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    for (const label of ['SMA(50)', 'BB(20, 2)', 'RSI(14)', 'MACD(12, 26, 9)']) await page.getByRole('button', { name: `Remove ${label}` }).click();
    await expect.poll(() => page.getByTestId('indicator-row').count()).toBe(0);
    await expect.poll(async () => (await paneBoxes(page)).length).toBe(1);
    await page.getByRole('button', { name: 'Presets' }).click();
    await page.getByRole('button', { name: 'Apply preset Classic four' }).click();
    await expect.poll(() => page.getByTestId('indicator-row').count()).toBe(4);
    await expect.poll(() => page.getByTestId('legend-indicator').count(), { timeout: 30_000 }).toBe(4);
    await expect.poll(async () => (await paneBoxes(page)).length).toBe(3);

    await page.mouse.click(5, 400);
    await page.keyboard.press('Control+K');
    await expect.poll(() => page.getByLabel('Symbol').evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Escape');
  });
});

describe('a 1,000,000-bar one-minute history stays fluid', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'workspace');
  const COUNT = 1_000_000;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await seedGeneratedSeries(dataDir, { symbol: 'MILLION', count: COUNT, timeframe: '1m' as Timeframe, start: Date.UTC(2020, 0, 1) });
    serve = await startServe(dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openChart(page, serve.url);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    tmp.cleanup();
  });

  it('scrolls back by mouse, then Home reaches the first bar, holding a window of the bars under 500 MB', async () => {
    await chooseSymbol(page, 'MILLION');
    await chooseTimeframe(page, '1m');
    await expect.poll(() => windowText(page), { timeout: 60_000 }).toContain('5,000 bars loaded of 1,000,000');
    const [pane] = await paneBoxes(page);
    const cx = pane!.x + pane!.width / 2;
    const cy = pane!.y + pane!.height / 2;

    // Zoom out with the wheel, then drag the history to the right (back in time) again and again.
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 400);
    const loaded: number[] = [];
    const samples: RendererMemory[] = [];
    for (let i = 0; i < 60 && !loaded.includes(20_000); i++) {
      await page.mouse.move(pane!.x + 40, cy);
      await page.mouse.down();
      await page.mouse.move(pane!.x + pane!.width - 40, cy, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(150);
      samples.push(await rendererMemory(browser));
      loaded.push(Number(/([\d,]+) bars loaded/.exec(await windowText(page))![1]!.replace(/,/g, '')));
    }
    // Blocks were prepended up to the cap; scrolling on drops the far side instead of growing.
    expect(Math.max(...loaded)).toBe(20_000);
    for (let i = 0; i < 8; i++) {
      await page.mouse.move(pane!.x + 40, cy);
      await page.mouse.down();
      await page.mouse.move(pane!.x + pane!.width - 40, cy, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(150);
    }
    expect(await windowText(page)).toMatch(/^20,000 bars loaded of 1,000,000/);
    const heapAfterDrags = await heapUsed(page);

    await page.keyboard.press('Home');
    await expect.poll(() => windowText(page), { timeout: 60_000 }).toContain('start of history');
    // The first bar under the mouse: the legend shows its time.
    const [first] = await paneBoxes(page);
    await page.mouse.move(first!.x + 12, first!.y + first!.height / 2);
    await expect.poll(() => page.getByTestId('legend-time').innerText()).toBe('2020-01-01 00:00 UTC');
    await page.screenshot({ path: join(shots, 'chart-million-first-bar.png') });

    const heap = await heapUsed(page);
    samples.push(await rendererMemory(browser));
    // The process as the OS sees it (heap, canvases, DOM, buffers), sampled after every drag, and the
    // JS heap alone after a garbage collection.
    const peakRss = Math.max(...samples.map((m) => m.largestRss));
    const peakPss = Math.max(...samples.map((m) => m.totalPss));
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    console.log(
      `renderer process: peak RSS ${mb(peakRss)}, peak PSS of all renderers ${mb(peakPss)} over ${samples.length} samples; ` +
        `JS heap ${mb(heapAfterDrags)} after drags, ${mb(heap)} at the first bar`,
    );
    expect(peakRss).toBeLessThan(500 * 2 ** 20);
    expect(peakPss).toBeLessThan(500 * 2 ** 20);
    expect(heap).toBeLessThan(500 * 2 ** 20);
    expect(heapAfterDrags).toBeLessThan(500 * 2 ** 20);

    await page.keyboard.press('End');
    await expect.poll(() => windowText(page), { timeout: 60_000 }).toContain('5,000 bars loaded of 1,000,000');
  });
});
