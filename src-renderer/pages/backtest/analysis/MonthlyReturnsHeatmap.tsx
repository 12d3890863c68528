import { Table, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import type { PeriodReturn } from '../../../../src-shared/domain/metrics.ts';
import { formatPercent } from '../format.ts';
import { buildHeatmap, cellBackground, type HeatmapCell } from './heatmap-model.ts';

export interface MonthlyReturnsHeatmapProps {
  /** `Metrics.monthlyReturns`: one row per calendar month with bars. */
  monthly: readonly PeriodReturn[];
  /** `Metrics.yearlyReturns`: one row per calendar year with bars. */
  yearly: readonly PeriodReturn[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const YEAR_DIVIDER = '2px solid var(--mantine-color-default-border)';

/**
 * Monthly returns as a year × month table tinted green for gains and red for losses, with the
 * calendar year's return in the last column. Months without bars stay blank; a return that is
 * undefined (after ruin) reads "—".
 */
export function MonthlyReturnsHeatmap({ monthly, yearly }: MonthlyReturnsHeatmapProps) {
  const model = useMemo(() => buildHeatmap(monthly, yearly), [monthly, yearly]);
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table data-testid="monthly-heatmap" aria-label="Monthly returns" fz="xs" tabularNums withTableBorder withColumnBorders horizontalSpacing={6} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <VisuallyHidden>Calendar year</VisuallyHidden>
            </Table.Th>
            {MONTHS.map((m) => (
              <Table.Th key={m} scope="col" ta="right">
                {m}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right" style={{ borderLeft: YEAR_DIVIDER }}>
              Year
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {model.rows.map((row) => (
            <Table.Tr key={row.year}>
              <Table.Th scope="row">{row.year}</Table.Th>
              {row.months.map((cell, i) => (
                <ReturnCell key={MONTHS[i]} cell={cell} emptyTitle={`${row.year}-${String(i + 1).padStart(2, '0')}: no bars`} />
              ))}
              <ReturnCell cell={row.total} emptyTitle={`${row.year}: no yearly figure`} total />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReturnCell({ cell, emptyTitle, total = false }: { cell: HeatmapCell | null; emptyTitle: string; total?: boolean }) {
  const divider = total ? { borderLeft: YEAR_DIVIDER } : undefined;
  if (!cell) return <Table.Td title={emptyTitle} style={divider} />;
  const background = cellBackground(cell.intensity);
  const title =
    cell.value === null
      ? `${cell.period}: undefined (the equity before this period was at or below zero)`
      : `${cell.period}: ${formatPercent(cell.value, 4)}`;
  return (
    <Table.Td
      title={title}
      ta="right"
      fw={total ? 600 : undefined}
      // Bright text (white in dark, black in light) stays legible on the tints; see MAX_TINT_PERCENT.
      style={{ ...divider, background, color: background ? 'var(--mantine-color-bright)' : undefined, whiteSpace: 'nowrap' }}
    >
      {formatPercent(cell.value, 1)}
    </Table.Td>
  );
}
