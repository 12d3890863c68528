import { Group, ScrollArea, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { PortfolioRunSummary } from '../../../../src-shared/contract/portfolio.contract.ts';
import { formatBarTime, formatLocalTime } from '../../../ui/format.ts';
import { formatPercent, signColor } from '../format.ts';
import { RunActions } from '../history/RunActions.tsx';
import { ConfirmDelete } from '../history/ConfirmDelete.tsx';
import { ReproBadge } from '../history/RunHistory.tsx';

interface Props {
  runs: readonly PortfolioRunSummary[];
  selectedId: string | null;
  onSelect(runId: string): void;
  onRerun(runId: string): void;
  onRemove(runId: string): void;
}

/** How a run's weights were set, in a few words. */
export function weightsLabel(config: PortfolioRunSummary['config']): string {
  const w = config.weights;
  const weights = w.kind === 'equal' ? 'equal' : w.kind === 'fixed' ? 'fixed' : `inverse vol (${w.lookback})`;
  return `${config.schedule}, ${weights}${config.drift !== null ? `, drift ${formatPercent(config.drift, 0).replace('+', '')}` : ''}`;
}

/** Saved portfolio runs, newest first: open one, re-run it, delete it (after a confirmation). */
export function PortfolioHistory({ runs, selectedId, onSelect, onRerun, onRemove }: Props) {
  const [confirming, setConfirming] = useState<PortfolioRunSummary | null>(null);
  if (runs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No portfolio runs yet. Choose instruments and weights on the left and press Run.
      </Text>
    );
  }
  return (
    <>
    <ConfirmDelete
      what={confirming ? `The portfolio of ${confirming.symbols.join(', ')}, ${weightsLabel(confirming.config)}.` : null}
      onCancel={() => setConfirming(null)}
      onConfirm={() => {
        if (confirming) onRemove(confirming.id);
        setConfirming(null);
      }}
    />
    <ScrollArea.Autosize mah={230} type="auto">
      <Table highlightOnHover stickyHeader verticalSpacing={4} fz="xs" aria-label="Portfolio run history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Instruments</Table.Th>
            <Table.Th>Rebalancing</Table.Th>
            <Table.Th>Range</Table.Th>
            <Table.Th ta="right">Return</Table.Th>
            <Table.Th ta="right">Buy & hold</Table.Th>
            <Table.Th ta="right">Max DD</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr
              key={run.id}
              onClick={() => onSelect(run.id)}
              bg={run.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
              style={{ cursor: 'pointer' }}
              data-run-id={run.id}
            >
              <Table.Td>{formatLocalTime(run.createdAt)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text size="xs" fw={500} truncate maw={200}>
                    {run.symbols.join(', ')}
                  </Text>
                  <ReproBadge run={run} />
                </Group>
              </Table.Td>
              <Table.Td>{weightsLabel(run.config)}</Table.Td>
              <Table.Td>
                {run.timeframe} · {formatBarTime(run.fromTime, run.timeframe)} → {formatBarTime(run.toTime, run.timeframe)}
              </Table.Td>
              <Table.Td ta="right">
                <Text span size="xs" c={signColor(run.totalReturn)}>
                  {formatPercent(run.totalReturn)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{formatPercent(run.benchmarkReturn)}</Table.Td>
              <Table.Td ta="right">{formatPercent(run.maxDrawdown)}</Table.Td>
<RunActions runId={run.id} onRerun={() => onRerun(run.id)} onDelete={() => setConfirming(run)} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
    </>
  );
}
