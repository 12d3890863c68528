import { Grid, Paper, Stack, Text } from '@mantine/core';
import type { ComponentProps } from 'react';
import { MonthlyReturnsHeatmap } from '../analysis/index.ts';
import { CurvesChart } from './CurvesChart.tsx';
import { MetricsTable } from './MetricsTable.tsx';

interface Props {
  curves: Pick<ComponentProps<typeof CurvesChart>, 'top' | 'bottom'>;
  chartLabel: string;
  chartHeight: number;
  /** One column per run compared (a portfolio beside its buy-and-hold benchmark). */
  columns: ComponentProps<typeof MetricsTable>['columns'];
  /** The monthly and yearly returns of the first column. */
  monthly: ComponentProps<typeof MonthlyReturnsHeatmap>['monthly'];
  yearly: ComponentProps<typeof MonthlyReturnsHeatmap>['yearly'];
}

/** A run's Performance tab: equity against its benchmark with drawdown below, the metrics, the monthly returns. */
export function PerformancePanel({ curves, chartLabel, chartHeight, columns, monthly, yearly }: Props) {
  return (
    <Stack gap="sm">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <CurvesChart top={curves.top} bottom={curves.bottom} topFormat="money" height={chartHeight} label={chartLabel} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <MetricsTable columns={columns} />
        </Grid.Col>
      </Grid>
      <Paper withBorder p="sm" radius="sm">
        <Text size="sm" fw={500} mb={6}>
          Monthly returns
        </Text>
        <MonthlyReturnsHeatmap monthly={monthly} yearly={yearly} />
      </Paper>
    </Stack>
  );
}
