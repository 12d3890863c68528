import { Badge, Checkbox, Group, ScrollArea, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { RunSummary } from '../../../../src-shared/contract/backtest.contract.ts';
import { formatBarTime, formatLocalTime } from '../../../ui/format.ts';
import { formatParams, formatPercent, signColor } from '../format.ts';
import { RunActions } from './RunActions.tsx';
import { ConfirmDelete } from './ConfirmDelete.tsx';

interface Props {
  runs: readonly RunSummary[];
  selectedId: string | null;
  compareIds: readonly string[];
  onSelect(runId: string): void;
  onToggleCompare(runId: string): void;
  onRerun(runId: string): void;
  onRemove(runId: string): void;
}

/** A re-run says whether it came out identical to the run it repeats. */
export function ReproBadge({ run }: { run: Pick<RunSummary, 'rerunOf' | 'identical'> }) {
  if (run.rerunOf === null) return null;
  return run.identical ? (
    <Badge size="xs" color="teal" variant="light" data-testid="identical-badge">
      Identical
    </Badge>
  ) : (
    <Tooltip label="Fills, trades or equity differ from the original: the data or the strategy changed">
      <Badge size="xs" color="orange" variant="light">
        Differs
      </Badge>
    </Tooltip>
  );
}

/** Saved runs, newest first: open one, tick several to compare, re-run or delete. */
export function RunHistory({ runs, selectedId, compareIds, onSelect, onToggleCompare, onRerun, onRemove }: Props) {
  const [confirming, setConfirming] = useState<RunSummary | null>(null);
  if (runs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No runs yet. Set one up on the left and press Run.
      </Text>
    );
  }
  return (
    <>
      <ScrollArea.Autosize mah={230} type="auto">
        <Table highlightOnHover stickyHeader verticalSpacing={4} fz="xs" aria-label="Run history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28} aria-label="Compare" />
              <Table.Th>When</Table.Th>
              <Table.Th>Strategy</Table.Th>
              <Table.Th>Data</Table.Th>
              <Table.Th ta="right">Return</Table.Th>
              <Table.Th ta="right">Max DD</Table.Th>
              <Table.Th ta="right">Trades</Table.Th>
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
                aria-selected={run.id === selectedId}
              >
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Checkbox size="xs" checked={compareIds.includes(run.id)} onChange={() => onToggleCompare(run.id)} aria-label={`Compare ${run.id}`} />
                </Table.Td>
                <Table.Td>{formatLocalTime(run.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" fw={500}>
                      {run.strategyId}
                    </Text>
                    <Text size="xs" c="dimmed" truncate maw={140}>
                      {formatParams(run.params)}
                    </Text>
                    <ReproBadge run={run} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  {run.symbol} {run.timeframe} · {formatBarTime(run.fromTime, run.timeframe)} → {formatBarTime(run.toTime, run.timeframe)}
                </Table.Td>
                <Table.Td ta="right">
                  <Text span size="xs" c={signColor(run.totalReturn)}>
                    {formatPercent(run.totalReturn)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatPercent(run.maxDrawdown)}</Table.Td>
                <Table.Td ta="right">{run.tradeCount}</Table.Td>
<RunActions runId={run.id} onRerun={() => onRerun(run.id)} onDelete={() => setConfirming(run)} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <ConfirmDelete
        what={confirming ? `${confirming.strategyId} on ${confirming.symbol} ${confirming.timeframe}, ${confirming.tradeCount} trades.` : null}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) onRemove(confirming.id);
          setConfirming(null);
        }}
      />
    </>
  );
}
