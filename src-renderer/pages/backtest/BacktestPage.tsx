import { Group, SegmentedControl, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { hasOpenRequest } from './open-request.ts';
import { PortfolioWorkspace } from './PortfolioWorkspace.tsx';
import { StrategyWorkspace } from './StrategyWorkspace.tsx';

type Mode = 'strategy' | 'portfolio';
const MODE_KEY = 'candlewick.backtest.mode';

function savedMode(): Mode {
  // A strategy run sent from another page is shown in strategy mode.
  if (hasOpenRequest()) return 'strategy';
  try {
    return localStorage.getItem(MODE_KEY) === 'portfolio' ? 'portfolio' : 'strategy';
  } catch {
    return 'strategy';
  }
}

/**
 * The backtest workspace: a strategy on one instrument, or a portfolio of several rebalanced on a
 * schedule. Both queue as jobs, are saved with what reproduces them, and can be re-run.
 */
export function BacktestPage() {
  const [mode, setMode] = useState<Mode>(savedMode);
  useEffect(() => {
    try {
      localStorage.setItem(MODE_KEY, mode);
    } catch {
      // Not remembered; the page still works.
    }
  }, [mode]);
  const header = (
    <Group justify="space-between" mb="sm" wrap="nowrap">
      <Title order={4}>Backtest</Title>
      <SegmentedControl
        size="xs"
        value={mode}
        onChange={(m) => setMode(m as Mode)}
        data={[
          { value: 'strategy', label: 'Strategy' },
          { value: 'portfolio', label: 'Portfolio' },
        ]}
        aria-label="Backtest kind"
      />
    </Group>
  );
  return mode === 'strategy' ? <StrategyWorkspace header={header} /> : <PortfolioWorkspace header={header} />;
}
