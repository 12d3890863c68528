import { Table, Text, Tooltip } from '@mantine/core';
import { Fragment } from 'react';
import type { Metrics } from '../../../../src-shared/domain/metrics.ts';
import { bestIndex, METRIC_ROWS } from './metric-rows.ts';

interface Props {
  /** One column per run; a single run shows one. */
  readonly columns: readonly { readonly title: string; readonly metrics: Metrics }[];
}

const GROUPS = ['Return', 'Risk', 'Trades'] as const;

/** The metrics of one run, or of several side by side with the best of each row in bold. */
export function MetricsTable({ columns }: Props) {
  const compare = columns.length > 1;
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Metrics" data-testid="metrics-table">
      {compare && (
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {columns.map((c, i) => (
              <Table.Th key={i} ta="right">
                {c.title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
      )}
      <Table.Tbody>
        {GROUPS.map((group) => (
          <Fragment key={group}>
            <Table.Tr>
              <Table.Td colSpan={columns.length + 1} pt="sm">
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                  {group}
                </Text>
              </Table.Td>
            </Table.Tr>
            {METRIC_ROWS.filter((r) => r.group === group).map((row) => {
              const values = columns.map((c) => row.value(c.metrics));
              const best = compare ? bestIndex(row, values) : null;
              return (
                <Table.Tr key={row.label} data-metric={row.label}>
                  <Table.Td>
                    <Tooltip label={row.hint} openDelay={400}>
                      <Text span size="sm">
                        {row.label}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  {values.map((v, i) => (
                    <Table.Td key={i} ta="right" ff="monospace" fw={best === i ? 700 : undefined}>
                      {row.format(v)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}
