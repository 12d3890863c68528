import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src-renderer/pages/backtest/format.ts';
import { launchChromium, startServe, type ServeProcess } from '../support/browser.ts';
import { inkShare } from '../support/chart-page.ts';
import { runCli } from '../support/cli.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

const shots = join(process.cwd(), 'test-results');
mkdirSync(shots, { recursive: true });

interface CliRun {
  runId: string;
  finalEquity: number;
  fills: { time: string; side: string; qty: number; price: number }[];
  trades: { entryTime: string; exitTime: string }[];
}

const results = (page: Page) => page.getByTestId('run-results');
const historyRows = (page: Page) => page.getByRole('table', { name: 'Run history' }).locator('tbody tr');

async function chooseOption(page: Page, label: string, option: RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

const ALWAYS_LONG = `import { defineStrategy } from 'candlewick';
export default defineStrategy({
  id: 'always-long',
  name: 'Always long (test)',
  description: 'Buys on the first bar and holds.',
  version: '1.0.0',
  params: [],
  setup() {
    return { onBar(_i, t) { if (t.position === 0) t.buy(); } };
  },
});
`;

describe.skipIf(!sharedDataDir)('the Backtest page as a new user uses it (sma-cross on ORCL daily)', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'workspace');
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  // The same backtest from the CLI: an independent path through the core to compare the page with.
  let cli: CliRun;
  let cliPortfolio: { runId: string; finalEquity: number; fills: unknown[] };

  beforeAll(async () => {
    for (const [file, symbol] of [['orcl-1995-2014.csv', 'ORCL'], ['nvda-1999-2014.csv', 'NVDA']] as const) {
      const imported = await runCli(['import', sharedDataFile(file), '--symbol', symbol, '--data-dir', dataDir, '--json']);
      expect(imported.code, imported.stderr).toBe(0);
    }
    const portfolio = await runCli([
      'portfolio', '--symbols', 'ORCL,NVDA', '--timeframe', '1d', '--rebalance', 'monthly', '--weights', 'equal', '--cash', '100000', '--data-dir', dataDir, '--json',
    ]);
    expect(portfolio.code, portfolio.stderr).toBe(0);
    cliPortfolio = JSON.parse(portfolio.stdout) as { runId: string; finalEquity: number; fills: unknown[] };
    const ran = await runCli([
      'backtest', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=30',
      '--cash', '100000', '--sizing', 'percent:100', '--data-dir', dataDir, '--json',
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    cli = JSON.parse(ran.stdout) as CliRun;
    expect(cli.trades.length).toBeGreaterThan(20);
    // One strategy of the user's own that loads, and one with a syntax error on its line 4.
    mkdirSync(join(dataDir, 'strategies'), { recursive: true });
    writeFileSync(join(dataDir, 'strategies', 'always-long.ts'), ALWAYS_LONG);
    writeFileSync(join(dataDir, 'strategies', 'broken.ts'), "import { defineStrategy } from 'candlewick';\n\nexport default defineStrategy({\n  id: 'broken' +,\n});\n");
    serve = await startServe(dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(serve.url);
    await page.getByRole('link', { name: /^Backtest/ }).click();
    await page.getByRole('button', { name: 'Run backtest' }).waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    tmp.cleanup();
  });

  it("lists the workspace's own strategies and shows a broken one at its file and line", async () => {
    await expect.poll(() => page.getByTestId('strategy-problems').innerText(), { timeout: 30_000 }).toContain('strategies/broken.ts:4:');
    await page.getByRole('combobox', { name: 'Strategy', exact: true }).click();
    await expect.poll(() => page.getByRole('option', { name: 'Always long (test) (yours)' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('runs sma-cross from the setup form and shows progress, the equity curve, metrics and trades', async () => {
    await chooseOption(page, 'Strategy', /^SMA crossover/);
    await expect.poll(() => page.getByRole('textbox', { name: 'Fast SMA' }).inputValue()).toBe('10');
    await chooseOption(page, 'Instrument', /^ORCL/);
    await expect.poll(() => page.getByRole('combobox', { name: 'Instrument' }).inputValue()).toMatch(/^ORCL/);
    await expect.poll(() => page.getByRole('combobox', { name: 'Timeframe' }).inputValue()).toMatch(/^1d/);

    // A combination the strategy refuses (slow below fast) is reported, and nothing starts.
    const runsAtFirst = await historyRows(page).count();
    await page.getByRole('textbox', { name: 'Slow SMA' }).fill('5');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await expect.poll(() => page.getByTestId('setup-failure').innerText()).toContain('fast (10) must be less than slow (5)');
    expect(await historyRows(page).count()).toBe(runsAtFirst);
    await page.getByRole('textbox', { name: 'Slow SMA' }).fill('30');

    const before = await historyRows(page).count();
    await page.getByRole('button', { name: 'Run backtest' }).click();
    // The queue lists the job with its state; it finishes and the new run opens by itself.
    const queue = page.getByTestId('backtest-queue');
    await expect.poll(() => queue.innerText(), { timeout: 30_000 }).toContain('Backtest sma-cross on ORCL 1d (5,036 bars)');
    await expect.poll(() => queue.innerText(), { timeout: 60_000 }).toMatch(/done/i);
    await expect.poll(() => historyRows(page).count(), { timeout: 30_000 }).toBe(before + 1);
    const uiRunId = await historyRows(page).first().getAttribute('data-run-id');
    await expect.poll(() => results(page).getAttribute('data-run-id'), { timeout: 30_000 }).toBe(uiRunId);

    // The page's run is the CLI's run: same final equity to the cent, same number of trades.
    await expect.poll(() => page.getByTestId('final-equity').innerText()).toBe(formatMoney(cli.finalEquity));
    await expect.poll(() => page.getByRole('tab', { name: /Trades/ }).innerText()).toContain(String(cli.trades.length));

    // Equity and benchmark in the upper pane, drawdown below: three curves, drawn.
    const curves = page.getByTestId('curves-chart');
    await expect.poll(() => curves.getAttribute('data-curves')).toBe('3');
    const box = (await curves.boundingBox())!;
    expect(await inkShare(page, { x: box.x + 10, y: box.y + 10, width: box.width - 80, height: box.height * 0.6 })).toBeGreaterThan(0.01);
    const metrics = page.getByTestId('metrics-table');
    await expect.poll(() => metrics.locator('[data-metric="Final equity"]').innerText()).toContain(formatMoney(cli.finalEquity));
    await expect.poll(() => metrics.locator('[data-metric="Trades"]').innerText()).toContain(String(cli.trades.length));
    await expect.poll(() => page.getByTestId('monthly-heatmap').isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'backtest-orcl-performance.png') });
  });

  it('shows a clicked trade on the chart, between its entry and exit', async () => {
    await page.getByRole('tab', { name: /Trades/ }).click();
    await expect.poll(() => page.getByTestId('trade-count').innerText()).toBe(`${cli.trades.length} of ${cli.trades.length} trades`);
    // The list starts in the run's order, as the CLI prints the trades.
    const k = Math.floor(cli.trades.length / 2);
    const target = cli.trades[k]!;
    const row = page.locator('[data-trade-id]').nth(k);
    const id = await row.getAttribute('data-trade-id');
    await row.click();
    const chart = page.getByTestId('trade-chart');
    await expect.poll(() => chart.getAttribute('data-focused-trade'), { timeout: 30_000 }).toBe(id);
    const from = Number(await chart.getAttribute('data-visible-from'));
    const to = Number(await chart.getAttribute('data-visible-to'));
    expect(from).toBeLessThanOrEqual(Date.parse(target.entryTime));
    expect(to).toBeGreaterThanOrEqual(Date.parse(target.exitTime));
    // Not the whole history: the view is zoomed onto the trade.
    expect(to - from).toBeLessThan(400 * 86_400_000);
    expect(Number(await chart.getAttribute('data-markers'))).toBeGreaterThan(0);

    // Filters narrow the list: wins and losses add up to the trades that are neither flat.
    await page.getByRole('radiogroup', { name: 'Outcome' }).getByText('Wins', { exact: true }).click();
    const wins = Number((await page.getByTestId('trade-count').innerText()).split(' ')[0]);
    await page.getByRole('radiogroup', { name: 'Outcome' }).getByText('Losses', { exact: true }).click();
    const losses = Number((await page.getByTestId('trade-count').innerText()).split(' ')[0]);
    expect(wins + losses).toBeLessThanOrEqual(cli.trades.length);
    expect(wins).toBeGreaterThan(0);
    expect(losses).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'backtest-orcl-trade-on-chart.png') });

    await page.getByRole('tab', { name: 'Trade analysis' }).click();
    await expect.poll(() => page.getByRole('img', { name: /return/i }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'backtest-orcl-analysis.png') });
  });

  it('re-runs a saved run from the history with an identical result, and compares runs', async () => {
    const original = (await historyRows(page).first().getAttribute('data-run-id'))!;
    const count = await historyRows(page).count();
    await page.getByRole('button', { name: `Re-run ${original}` }).click();
    await expect.poll(() => historyRows(page).count(), { timeout: 60_000 }).toBe(count + 1);
    const rerun = (await historyRows(page).first().getAttribute('data-run-id'))!;
    expect(rerun).not.toBe(original);
    await expect.poll(() => results(page).getAttribute('data-run-id'), { timeout: 30_000 }).toBe(rerun);
    await expect.poll(() => results(page).getByTestId('identical-badge').textContent()).toBe('Identical');
    await expect.poll(() => historyRows(page).first().getByTestId('identical-badge').textContent()).toBe('Identical');
    await expect.poll(() => page.getByTestId('final-equity').innerText()).toBe(formatMoney(cli.finalEquity));

    // The run's strategy uses nothing from the future: the look-ahead check, from the page.
    await page.getByRole('tab', { name: 'Reproducibility' }).click();
    await page.getByRole('button', { name: 'Check for look-ahead' }).click();
    await expect.poll(() => page.getByTestId('look-ahead').innerText(), { timeout: 60_000 }).toContain('used nothing from the future');

    await page.getByRole('checkbox', { name: `Compare ${original}` }).check();
    await page.getByRole('checkbox', { name: `Compare ${cli.runId}` }).check();
    await page.getByRole('button', { name: /^Compare/ }).click();
    const comparison = page.getByTestId('run-comparison');
    await expect.poll(() => comparison.getByRole('columnheader').count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => comparison.getByTestId('curves-chart').getAttribute('data-curves')).toBe('4');
    await page.screenshot({ path: join(shots, 'backtest-orcl-compare.png') });
  });

  it('runs a monthly equal-weight portfolio of ORCL and NVDA from the page, the same as the CLI, and re-runs it identically', async () => {
    await page.getByRole('radiogroup', { name: 'Backtest kind' }).getByText('Portfolio', { exact: true }).click();
    const instruments = page.getByRole('combobox', { name: 'Instruments' });
    for (const symbol of ['ORCL', 'NVDA']) {
      await instruments.click();
      await page.getByRole('option', { name: symbol, exact: true }).click();
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('combobox', { name: 'Timeframe' }).inputValue()).toBe('1d');
    const rows = page.getByRole('table', { name: 'Portfolio run history' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Run portfolio' }).click();
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    const fresh = await rows.first().getAttribute('data-run-id');
    await expect.poll(() => page.getByTestId('portfolio-results').getAttribute('data-run-id'), { timeout: 30_000 }).toBe(fresh);
    await expect.poll(() => page.getByTestId('portfolio-final-equity').innerText()).toBe(formatMoney(cliPortfolio.finalEquity));
    await expect.poll(() => page.getByTestId('curves-chart').getAttribute('data-curves')).toBe('3');
    await page.screenshot({ path: join(shots, 'backtest-portfolio.png') });

    await page.getByRole('tab', { name: 'Weights' }).click();
    await expect.poll(() => page.getByTestId('curves-chart').getAttribute('data-curves')).toBe('2');
    await page.getByRole('tab', { name: /Rebalances and fills/ }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Portfolio fills' }).locator('tbody tr').count()).toBe(cliPortfolio.fills.length);

    await page.getByRole('button', { name: `Re-run ${cliPortfolio.runId}` }).click();
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('portfolio-results').getByTestId('identical-badge').textContent(), { timeout: 30_000 }).toBe('Identical');
  });
});
