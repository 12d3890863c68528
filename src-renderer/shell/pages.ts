import { IconActivity, IconAdjustmentsSearch, IconChartCandle, IconDatabase, IconFlask, IconPlugConnected, IconRosette, IconSettings, type Icon } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { ActivityPage } from '../pages/activity/ActivityPage.tsx';
import { BacktestPage } from '../pages/backtest/BacktestPage.tsx';
import { ChartPage } from '../pages/chart/ChartPage.tsx';
import { ConnectionsPage } from '../pages/connections/ConnectionsPage.tsx';
import { DataPage } from '../pages/data/DataPage.tsx';
import { OptimizePage } from '../pages/optimize/OptimizePage.tsx';
import { QualityPage } from '../pages/quality/QualityPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';

export interface PageDef {
  readonly id: PageId;
  readonly label: string;
  readonly description: string;
  readonly icon: Icon;
  readonly Component: ComponentType;
}

export const PAGE_IDS = ['data', 'chart', 'backtest', 'optimize', 'connections', 'quality', 'activity', 'settings'] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** Only pages that work are listed; each new capability adds its page here. */
export const PAGES: readonly PageDef[] = [
  { id: 'data', label: 'Data', description: 'Instruments and stored bars', icon: IconDatabase, Component: DataPage },
  { id: 'chart', label: 'Chart', description: 'Candles, indicators, replay', icon: IconChartCandle, Component: ChartPage },
  { id: 'backtest', label: 'Backtest', description: 'Strategies, runs and results', icon: IconFlask, Component: BacktestPage },
  { id: 'optimize', label: 'Optimize', description: 'Search parameters, check robustness', icon: IconAdjustmentsSearch, Component: OptimizePage },
  { id: 'connections', label: 'Connections', description: 'Exchanges, live symbols, backfills', icon: IconPlugConnected, Component: ConnectionsPage },
  { id: 'quality', label: 'Quality', description: 'Gaps, bad bars, quarantine', icon: IconRosette, Component: QualityPage },
  { id: 'activity', label: 'Activity', description: 'Jobs and their progress', icon: IconActivity, Component: ActivityPage },
  { id: 'settings', label: 'Settings', description: 'Theme and workspace', icon: IconSettings, Component: SettingsPage },
];
