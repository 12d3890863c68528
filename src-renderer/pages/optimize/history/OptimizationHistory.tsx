import { ActionIcon, Group, Progress, ScrollArea, Table, Text, Tooltip } from '@mantine/core';
import { IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { OptimizationSummary } from '../../../../src-shared/contract/optimize.contract.ts';
import { formatCount, formatLocalTime } from '../../../ui/format.ts';
import { formatParams, formatNumber } from '../../backtest/format.ts';
import { ConfirmDelete } from '../../backtest/history/ConfirmDelete.tsx';
import { StateBadge } from './StateBadge.tsx';

interface Props {
  optimizations: readonly OptimizationSummary[];
  selectedId: string | null;
  onSelect(id: string): void;
  onResume(id: string): void;
  onRemove(id: string): void;
}

/** Past optimizations, newest first: open one, resume one that stopped, delete (asks first). */
export function OptimizationHistory({ optimizations, selectedId, onSelect, onResume, onRemove }: Props) {
  const [confirming, setConfirming] = useState<OptimizationSummary | null>(null);
  if (optimizations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No optimizations yet. Choose ranges on the left and press Optimize.
      </Text>
    );
  }
  return (
    <>
      <ScrollArea.Autosize mah={230} type="auto">
        <Table highlightOnHover stickyHeader verticalSpacing={4} fz="xs" aria-label="Optimization history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Strategy</Table.Th>
              <Table.Th>Data</Table.Th>
              <Table.Th>Method</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Sets</Table.Th>
              <Table.Th>Best</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {optimizations.map((o) => (
              <Table.Tr
                key={o.id}
                onClick={() => onSelect(o.id)}
                bg={o.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
                style={{ cursor: 'pointer' }}
                data-optimization-id={o.id}
                aria-selected={o.id === selectedId}
              >
                <Table.Td>{formatLocalTime(o.createdAt)}</Table.Td>
                <Table.Td>{o.strategyId}</Table.Td>
                <Table.Td>
                  {o.symbol} {o.timeframe}
                </Table.Td>
                <Table.Td>
                  {o.method}
                  {o.walkForward ? ' · WF' : ''} · {o.objective}
                </Table.Td>
                <Table.Td>
                  <StateBadge state={o.state} />
                </Table.Td>
                <Table.Td miw={90}>
                  <Text size="xs" ff="monospace">
                    {formatCount(o.evaluated)} / {formatCount(o.planned)}
                  </Text>
                  {o.state === 'running' && <Progress size={3} value={o.planned > 0 ? (100 * o.evaluated) / o.planned : 0} />}
                </Table.Td>
                <Table.Td ff="monospace">{o.best ? `${formatNumber(o.best.objective, 3)} · ${formatParams(o.best.params)}` : '—'}</Table.Td>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Group gap={2} wrap="nowrap" justify="flex-end">
                    {(o.state === 'cancelled' || o.state === 'failed') && (
                      <Tooltip label="Resume: evaluate only the sets not stored yet">
                        <ActionIcon size="sm" variant="subtle" onClick={() => onResume(o.id)} aria-label={`Resume ${o.id}`}>
                          <IconPlayerPlay size={14} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    <Tooltip label={o.state === 'running' ? 'Cancel it before deleting' : 'Delete this optimization'}>
                      <ActionIcon size="sm" variant="subtle" color="red" disabled={o.state === 'running'} onClick={() => setConfirming(o)} aria-label={`Delete ${o.id}`}>
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <ConfirmDelete
        title="Delete this optimization?"
        what={confirming ? `${confirming.strategyId} on ${confirming.symbol} ${confirming.timeframe}, ${formatCount(confirming.evaluated)} sets evaluated.` : null}
        consequence="Every evaluated set and the safeguards are removed from the workspace; the optimization can be run again from the same setup."
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) onRemove(confirming.id);
          setConfirming(null);
        }}
      />
    </>
  );
}
