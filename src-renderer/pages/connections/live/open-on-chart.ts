import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import type { Client } from '../../../client/client.ts';
import { defaultLayout } from '../../chart/layout/layout-model.ts';

/**
 * Shows an instrument on the Chart page: the workspace's chart layout is pointed at it (keeping the
 * indicators and panes), then the page changes. The chart reads the layout when it opens, so this
 * works from any page and survives a reload.
 */
export async function openOnChart(client: Client, instrumentId: number, timeframe: Timeframe): Promise<void> {
  const layout = (await client.call('layout.get', {})) ?? defaultLayout(null);
  await client.call('layout.save', { layout: { ...layout, instrumentId, timeframe } });
  window.location.hash = '/chart';
}
