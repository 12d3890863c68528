import { ActionIcon, Alert, Badge, Button, Group, Paper, ScrollArea, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconChartCandle, IconDownload, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { LiveSubscription } from '../../../../src-shared/contract/live.contract.ts';
import type { ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import { useClient, useQuery } from '../../../client/hooks.ts';
import { formatLocalTime } from '../../../ui/format.ts';
import { ConfirmDelete } from '../../backtest/history/ConfirmDelete.tsx';
import { AddLiveSymbolModal } from './AddLiveSymbolModal.tsx';
import { liveRow } from './live-symbols.ts';
import { openOnChart } from './open-on-chart.ts';

interface Props {
  connections: readonly ConnectionSummary[];
  onBackfill(subscription: LiveSubscription): void;
}

/** Symbols streamed live, with what their streams have done; refreshed on `live.changed`. */
export function LiveSymbols({ connections, onBackfill }: Props) {
  const client = useClient();
  const liveQ = useQuery('live.list', {}, { refetchOn: ['live.changed'] });
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<LiveSubscription | null>(null);
  const subs = liveQ.data;
  const rows = useMemo(() => (subs ?? []).map((s) => ({ sub: s, row: liveRow(s, connections) })), [subs, connections]);

  const remove = () => {
    const target = removing;
    setRemoving(null);
    if (target) client.call('live.unsubscribe', { subscriptionId: target.subscriptionId }).catch(() => undefined);
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Live symbols">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Live symbols</Title>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} disabled={connections.length === 0}>
          Add live symbol
        </Button>
      </Group>
      {liveQ.error && (
        <Alert color="red" mb="xs" title="Could not load the live symbols">
          {liveQ.error.message}
        </Alert>
      )}
      {subs && subs.length === 0 && (
        <Text size="sm" c="dimmed">
          {connections.length === 0 ? 'Add a connection first, then stream symbols from it.' : 'No symbol is streamed. Add one to build its bars live as trades arrive.'}
        </Text>
      )}
      {rows.length > 0 && (
        <ScrollArea type="auto">
          <Table fz="sm" verticalSpacing={4} highlightOnHover aria-label="Live symbols table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Symbol</Table.Th>
                <Table.Th>Connection</Table.Th>
                <Table.Th>Timeframes</Table.Th>
                <Table.Th ta="right">Trades</Table.Th>
                <Table.Th ta="right">Bars</Table.Th>
                <Table.Th ta="right">Rejected</Table.Th>
                <Table.Th ta="right">Caught up</Table.Th>
                <Table.Th>Last trade</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ sub, row }) => (
                <Table.Tr key={row.subscriptionId} data-subscription-id={row.subscriptionId}>
                  <Table.Td fw={600}>
                    <Group gap={6} wrap="nowrap">
                      {row.symbol}
                      {sub.problem && (
                        <Tooltip label={sub.problem} multiline w={320}>
                          <Badge color="red" size="xs" variant="light" aria-label={`${row.symbol} refused: ${sub.problem}`}>refused</Badge>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{row.connection}</Table.Td>
                  <Table.Td>{row.timeframes}</Table.Td>
                  <Table.Td ta="right" ff="monospace">{row.trades}</Table.Td>
                  <Table.Td ta="right" ff="monospace">{row.bars}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {row.rejectedDetail ? (
                      <Tooltip label={row.rejectedDetail}>
                        <span>{row.rejected}</span>
                      </Tooltip>
                    ) : (
                      row.rejected
                    )}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">{row.caughtUp}</Table.Td>
                  <Table.Td>{formatLocalTime(row.lastTradeAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap" justify="flex-end">
                      <Tooltip label="Open on chart">
                        <ActionIcon variant="subtle" aria-label={`Open ${row.symbol} on chart`} onClick={() => void openOnChart(client, sub.instrumentId, sub.timeframes[0]!).catch(() => undefined)}>
                          <IconChartCandle size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Backfill history">
                        <ActionIcon variant="subtle" aria-label={`Backfill ${row.symbol}`} onClick={() => onBackfill(sub)}>
                          <IconDownload size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Stop streaming (stored bars stay)">
                        <ActionIcon variant="subtle" color="red" aria-label={`Remove ${row.symbol}`} onClick={() => setRemoving(sub)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <AddLiveSymbolModal opened={adding} connections={connections} onClose={() => setAdding(false)} />
      <ConfirmDelete
        what={removing ? `Stop streaming ${removing.symbol}?` : null}
        title="Remove this live symbol?"
        consequence="Its bars already stored stay; no new bars are built until it is added again."
        onCancel={() => setRemoving(null)}
        onConfirm={remove}
      />
    </Paper>
  );
}
