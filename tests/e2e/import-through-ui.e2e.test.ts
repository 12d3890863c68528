import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, type ServeProcess } from '../support/browser.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

/** A new user: `candlewick serve` on an empty folder, then the browser. */
describe('Candlewick in Chromium against candlewick serve', () => {
  const tmp = tempDir();
  const shots = join(process.cwd(), 'test-results');
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    serve = await startServe(join(tmp.dir, 'workspace'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    tmp.cleanup();
  });

  it('shows the demo workspace, labelled as generated data', async () => {
    await expect.poll(() => page.getByText('DEMO-EQ').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText(/generated/i).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Connected').first().isVisible()).toBe(true);
    // The token left the address bar once the page kept it.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: join(shots, 'demo-workspace.png') });
  });

  it.skipIf(!sharedDataDir)('imports orcl-1995-2014.csv through the wizard and lists ORCL with 5,036 daily bars', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByLabel('CSV file').setInputFiles(sharedDataFile('orcl-1995-2014.csv'));
    await expect.poll(() => page.getByText(/Yahoo/).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByLabel('Symbol').inputValue()).toBe('ORCL');
    await page.screenshot({ path: join(shots, 'import-preview.png') });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByText('Inserted').first().isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByText('5,036').first().isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'import-result.png') });
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'ORCL' });
    await expect.poll(() => row.first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => row.first().innerText()).toContain('5,036');
    await expect.poll(() => row.first().innerText()).toContain('1995-01-03');
    await expect.poll(() => row.first().innerText()).toContain('2014-12-31');
    await page.screenshot({ path: join(shots, 'data-page-orcl.png') });
  });

  it('refuses the page without a valid token', async () => {
    const other = await browser.newPage();
    const badUrl = serve.url.replace(/token=[^&]+/, 'token=wrong-token-wrong-token');
    await other.goto(badUrl);
    await expect.poll(() => other.getByText(/token/i).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await other.close();
  });
});
