import { Button, Group, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RunSummary } from '../../../../src-shared/contract/backtest.contract.ts';
import { formatMoney, formatPercent, signColor } from '../format.ts';
import { ReproBadge } from '../history/RunHistory.tsx';
import { Stat } from './Stat.tsx';

interface Props {
  title: string;
  subtitle: ReactNode;
  run: Pick<RunSummary, 'rerunOf' | 'identical' | 'finalEquity'>;
  totalReturn: number | null;
  benchmarkReturn: number | null;
  maxDrawdown: number | null;
  /** The last figure, the one that differs by kind of run (Sharpe, commission). */
  extra: { label: string; value: string };
  finalEquityTestId: string;
  onRerun(): void;
}

/** A saved run's title, what it ran on, its headline figures and Re-run: the same for strategy and portfolio runs. */
export function ResultsHeader({ title, subtitle, run, totalReturn, benchmarkReturn, maxDrawdown, extra, finalEquityTestId, onRerun }: Props) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <div>
        <Group gap="xs">
          <Title order={4}>{title}</Title>
          <ReproBadge run={run} />
        </Group>
        <Text size="xs" c="dimmed">
          {subtitle}
        </Text>
      </div>
      <Group gap="lg" wrap="wrap" justify="flex-end">
        <Stat label="Final equity" value={formatMoney(run.finalEquity)} testId={finalEquityTestId} />
        <Stat label="Return" value={formatPercent(totalReturn)} color={signColor(totalReturn)} />
        <Stat label="Buy & hold" value={formatPercent(benchmarkReturn)} color={signColor(benchmarkReturn)} />
        <Stat label="Max DD" value={formatPercent(maxDrawdown)} />
        <Stat label={extra.label} value={extra.value} />
        <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={onRerun}>
          Re-run
        </Button>
      </Group>
    </Group>
  );
}
