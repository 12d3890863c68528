import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { decodePng, dominantColor, shareUnlike, type Image } from './png.ts';

export interface PaneBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The plot areas of the chart's panes, top to bottom, read from lightweight-charts' DOM: one table
 * row per pane (the time axis row has no pane canvas of its own height), the price axis excluded.
 */
export async function paneBoxes(page: Page): Promise<PaneBox[]> {
  const boxes: PaneBox[] = [];
  for (const row of await page.locator('[data-testid="chart-container"] table tr').all()) {
    // A pane row: its widest cell holds the plot canvases; separators and the time axis are thin.
    let widest: { cell: ReturnType<Page['locator']>; box: PaneBox } | null = null;
    for (const cell of await row.locator(':scope > td').all()) {
      const box = await cell.boundingBox();
      if (box && (!widest || box.width > widest.box.width)) widest = { cell, box };
    }
    if (!widest || widest.box.height < 40 || (await widest.cell.locator('canvas').count()) === 0) continue;
    boxes.push(widest.box);
  }
  return boxes;
}

/** A screenshot of one area, decoded. */
export async function grab(page: Page, box: PaneBox): Promise<Image> {
  return decodePng(await page.screenshot({ clip: box }));
}

/** How much of a pane is drawn on: the share of pixels unlike its background. */
export async function inkShare(page: Page, box: PaneBox): Promise<number> {
  const image = await grab(page, box);
  return shareUnlike(image, dominantColor(image));
}

/** JS heap in use by the page's renderer, in bytes (Chromium's own metric over CDP). */
export async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  } finally {
    await cdp.detach();
  }
}

export interface RendererMemory {
  /** Resident set of the largest renderer process (the page's), bytes. */
  readonly largestRss: number;
  /** Proportional set sizes of all renderer processes added up (shared pages counted once), bytes. */
  readonly totalPss: number;
}

/**
 * Memory of the browser's renderer processes as the OS sees it — the JS heap plus everything else a
 * renderer holds (canvas backing stores, DOM, code, malloc'd buffers): process ids from CDP
 * SystemInfo.getProcessInfo, sizes from /proc/<pid>/smaps_rollup (Linux).
 */
export async function rendererMemory(browser: Browser): Promise<RendererMemory> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    let largestRss = 0;
    let totalPss = 0;
    for (const p of processInfo) {
      if (p.type !== 'renderer') continue;
      const rollup = readFileSync(`/proc/${p.id}/smaps_rollup`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN) * 1024;
      largestRss = Math.max(largestRss, kb('Rss'));
      totalPss += kb('Pss');
    }
    return { largestRss, totalPss };
  } finally {
    await cdp.detach();
  }
}
