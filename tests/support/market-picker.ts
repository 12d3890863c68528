import type { Page } from 'playwright-core';

/**
 * Types into a searchable market select and picks the exact market. Options read "BTC/USDT · spot",
 * "AAPL · STK": the symbol, then what kind of market it is. `typed` defaults to the symbol itself.
 */
export async function pickMarket(page: Page, input: ReturnType<Page['getByRole']>, symbol: string, typed = symbol): Promise<void> {
  await input.click();
  await input.fill(typed);
  const exact = new RegExp(`^${symbol.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}( ·|$)`);
  await page.getByRole('option', { name: exact }).first().click({ timeout: 30_000 });
}
