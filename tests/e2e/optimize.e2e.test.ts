import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src-renderer/pages/backtest/format.ts';
import { launchChromium, startServe, type ServeProcess } from '../support/browser.ts';
import { runCli } from '../support/cli.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

const shots = join(process.cwd(), 'test-results');
mkdirSync(shots, { recursive: true });

interface CliOptimization {
  best: { params: Record<string, number>; objective: number; metrics: Record<string, number | null> };
  evaluations: number;
  runId: string;
}

const view = (page: Page) => page.getByTestId('optimization-view');

async function chooseOption(page: Page, label: string, option: RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Types a value into a Mantine NumberInput and leaves it, as a user tabbing through would. */
async function fill(page: Page, name: string, value: string | number): Promise<void> {
  const input = page.getByRole('textbox', { name, exact: true });
  await input.fill(String(value));
  await input.blur();
}

async function setRange(page: Page, param: string, min: number, max: number, step: number): Promise<void> {
  await fill(page, `${param} min`, min);
  await fill(page, `${param} max`, max);
  await fill(page, `${param} step`, step);
}

async function chooseMethod(page: Page, method: 'Grid' | 'Random' | 'Genetic'): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Method' }).getByText(method, { exact: true }).click();
}

/** Starts the setup and waits until the new optimization is the one shown. */
async function start(page: Page): Promise<string> {
  const before = await page.locator('[data-optimization-id]').count();
  await page.getByRole('button', { name: 'Optimize', exact: true }).click();
  await expect.poll(() => page.locator('[data-optimization-id]').count(), { timeout: 30_000 }).toBe(before + 1);
  const id = (await page.locator('[data-optimization-id]').first().getAttribute('data-optimization-id'))!;
  await expect.poll(() => page.locator(`[data-optimization-id="${id}"]`).getAttribute('aria-selected')).toBe('true');
  return id;
}

const ISSUE_GRID = ['--strategy', 'sma-cross', '--range', 'fast=5:50:5', '--range', 'slow=20:200:5', '--objective', 'sharpe'];
const UI_DEFAULTS = ['--cash', '100000', '--sizing', 'percent:100'];

describe.skipIf(!sharedDataDir)('the Optimize page as a new user uses it (sma-cross on ORCL daily)', () => {
  const tmp = tempDir();
  const dataDir = join(tmp.dir, 'workspace');
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  // The same optimizations from the CLI: an independent path through the core to compare the page with.
  let cliGrid: CliOptimization;
  let cliGenetic: CliOptimization;

  beforeAll(async () => {
    const imported = await runCli(['import', sharedDataFile('orcl-1995-2014.csv'), '--symbol', 'ORCL', '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const grid = await runCli(['optimize', '--symbol', 'ORCL', '--timeframe', '1d', ...ISSUE_GRID, '--method', 'grid', ...UI_DEFAULTS, '--data-dir', dataDir, '--json']);
    expect(grid.code, grid.stderr).toBe(0);
    cliGrid = JSON.parse(grid.stdout) as CliOptimization;
    const genetic = await runCli([
      'optimize', '--symbol', 'ORCL', '--timeframe', '1d', ...ISSUE_GRID, '--method', 'genetic', '--budget', '34', '--seed', '3', ...UI_DEFAULTS, '--data-dir', dataDir, '--json',
    ]);
    expect(genetic.code, genetic.stderr).toBe(0);
    cliGenetic = JSON.parse(genetic.stdout) as CliOptimization;
    serve = await startServe(dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(serve.url);
    await page.getByRole('link', { name: /^Optimize/ }).click();
    await page.getByRole('button', { name: 'Optimize', exact: true }).waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    tmp.cleanup();
  });

  it('runs the issue grid from the setup form: its size before it starts, then the same best set as the CLI', async () => {
    await chooseOption(page, 'Strategy', /^SMA crossover/);
    await chooseOption(page, 'Instrument', /^ORCL/);
    await expect.poll(() => page.getByRole('combobox', { name: 'Timeframe' }).inputValue()).toMatch(/^1d/);
    await setRange(page, 'fast', 5, 50, 5);
    await setRange(page, 'slow', 20, 200, 5);
    await chooseMethod(page, 'Grid');
    // The core sizes the setup as it is typed: 10 × 37 sets, of which 342 have fast < slow.
    const check = page.getByTestId('setup-check');
    await expect.poll(() => check.innerText(), { timeout: 30_000 }).toMatch(/Grid\s+370/);
    await expect.poll(() => check.innerText()).toMatch(/Feasible\s+342/);

    await start(page);
    await expect.poll(() => view(page).getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    expect(await view(page).getAttribute('data-evaluated')).toBe('342');
    const best = page.getByTestId('best-set');
    expect(JSON.parse((await best.getAttribute('data-params'))!)).toEqual(cliGrid.best.params);
    expect(Number(await best.getAttribute('data-objective'))).toBe(cliGrid.best.objective);
    // Every set is in the table, best first.
    const table = page.getByTestId('results-table');
    await expect.poll(() => table.getAttribute('data-total')).toBe('342');
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-seq')).not.toBeNull();
    const firstObjective = await table.locator('tbody tr').first().locator('[data-column="objective"]').innerText();
    expect(firstObjective).toContain(cliGrid.best.objective.toFixed(3));
    // The best-so-far curve ends at the best.
    await expect.poll(() => page.getByTestId('best-so-far').getAttribute('data-best')).toBe(String(cliGrid.best.objective));
    await page.screenshot({ path: join(shots, 'optimize-grid-results.png') });

    // The two best sets side by side.
    await table.getByRole('checkbox').nth(0).check();
    await table.getByRole('checkbox').nth(1).check();
    await page.getByRole('tab', { name: 'Compare (2)' }).click();
    const compared = page.getByTestId('set-comparison');
    await expect.poll(() => compared.getByRole('columnheader').count()).toBe(3);
    expect(await compared.innerText()).toContain(cliGrid.best.objective.toFixed(3));
  });

  it('exports every evaluated set to CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), view(page).getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^optimization-ORCL-1d-sma-cross-opt_.+\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(343);
    expect(lines[0]).toMatch(/^window,seq,fast,slow,objective \(sharpe\),feasible,violations,error,/);
    const best = lines.find((l) => l.split(',').slice(2, 4).join(',') === `${cliGrid.best.params.fast},${cliGrid.best.params.slow}`)!;
    expect(Number(best.split(',')[4])).toBe(cliGrid.best.objective);
  });

  it('shows fast against slow as a heatmap with the best cell marked, and the safeguards', async () => {
    await page.getByRole('tab', { name: 'Heatmap' }).click();
    const heatmap = page.getByTestId('param-heatmap').first();
    await expect.poll(() => heatmap.locator('[data-x]').count(), { timeout: 30_000 }).toBe(370);
    const bestCell = heatmap.locator('[data-best="true"]');
    expect(await bestCell.getAttribute('data-x')).toBe(String(cliGrid.best.params.fast));
    expect(await bestCell.getAttribute('data-y')).toBe(String(cliGrid.best.params.slow));
    expect(Number(await bestCell.getAttribute('data-objective'))).toBe(cliGrid.best.objective);
    // Cells where fast ≥ slow hold no set: drawn without a value.
    expect(await heatmap.locator('[data-x="50"][data-y="20"]').getAttribute('data-objective')).toBe('');
    await page.screenshot({ path: join(shots, 'optimize-heatmap.png') });

    await page.getByRole('tab', { name: 'Robustness' }).click();
    const robustness = page.getByTestId('robustness');
    await expect.poll(() => robustness.innerText(), { timeout: 30_000 }).toContain('Deflated Sharpe');
    expect(await robustness.innerText()).toContain('342');
    await page.screenshot({ path: join(shots, 'optimize-robustness.png') });
  });

  it('sends the best set to a backtest, whose run matches the set', async () => {
    await page.getByRole('button', { name: 'Send to backtest' }).click();
    await expect.poll(() => page.url()).toContain('#/backtest');
    const results = page.getByTestId('run-results');
    await expect.poll(() => page.getByTestId('final-equity').innerText(), { timeout: 60_000 }).toBe(formatMoney(cliGrid.best.metrics.finalEquity!));
    await expect.poll(() => results.innerText()).toContain(`fast=${cliGrid.best.params.fast} slow=${cliGrid.best.params.slow}`);
    // The setup form now holds the set, ready to be varied.
    await expect.poll(() => page.getByRole('textbox', { name: 'Slow SMA' }).inputValue()).toBe(String(cliGrid.best.params.slow));
    await page.screenshot({ path: join(shots, 'optimize-sent-to-backtest.png') });
    await page.getByRole('link', { name: /^Optimize/ }).click();
    await page.getByRole('button', { name: 'Optimize', exact: true }).waitFor();
  });

  it('runs a genetic search with 10 % of the grid and finds what the CLI finds with the same seed', async () => {
    await chooseMethod(page, 'Genetic');
    await fill(page, 'Budget (evaluations)', 34);
    await fill(page, 'Seed', 3);
    await start(page);
    await expect.poll(() => view(page).getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    expect(Number(await view(page).getAttribute('data-evaluated'))).toBe(cliGenetic.evaluations);
    expect(cliGenetic.evaluations).toBeLessThanOrEqual(34);
    const best = page.getByTestId('best-set');
    expect(JSON.parse((await best.getAttribute('data-params'))!)).toEqual(cliGenetic.best.params);
    expect(Number(await best.getAttribute('data-objective'))).toBe(cliGenetic.best.objective);
    await page.getByTestId('best-set').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'optimize-genetic.png') });
  });

  it('cancels a long grid midway and keeps what it evaluated, then resumes it to the end', async () => {
    await chooseMethod(page, 'Grid');
    await setRange(page, 'fast', 1, 100, 1);
    await setRange(page, 'slow', 2, 400, 1);
    // 100 × 399 sets, of which Σ(400 − fast) = 34,950 have fast < slow: several seconds of work.
    const check = page.getByTestId('setup-check');
    await expect.poll(() => check.innerText(), { timeout: 30_000 }).toMatch(/Grid\s+39,900/);
    await expect.poll(() => check.innerText()).toMatch(/Feasible\s+34,950/);
    const id = await start(page);
    await expect.poll(async () => Number(await view(page).getAttribute('data-evaluated')), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByTestId('optimization-view').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => view(page).getAttribute('data-state'), { timeout: 60_000 }).toBe('cancelled');
    const kept = Number(await view(page).getAttribute('data-evaluated'));
    const planned = Number((await page.locator(`[data-optimization-id="${id}"]`).innerText()).match(/\/ ([\d,]+)/)![1]!.replace(/,/g, ''));
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(planned);
    // What finished is kept: every stored set is in the table, and the best so far is shown.
    await page.getByRole('tab', { name: 'Results' }).click();
    await expect.poll(() => page.getByTestId('results-table').getAttribute('data-total')).toBe(String(kept));
    await expect.poll(() => page.getByTestId('best-set').isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'optimize-cancelled.png') });

    await view(page).getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => view(page).getAttribute('data-state'), { timeout: 300_000 }).toBe('done');
    expect(Number(await view(page).getAttribute('data-evaluated'))).toBe(planned);
  });
});
