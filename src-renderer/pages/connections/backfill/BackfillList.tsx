import { ActionIcon, Alert, Badge, Group, Paper, Progress, ScrollArea, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { BackfillRecord } from '../../../../src-shared/contract/backfill.contract.ts';
import type { ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import { useClient, useQuery } from '../../../client/hooks.ts';
import { useJobs } from '../../../jobs/jobs-context.ts';
import { ConfirmDelete } from '../../backtest/history/ConfirmDelete.tsx';
import { BACKFILL_STATE_COLOR, backfillRow } from './backfill-rows.ts';

interface Props {
  connections: readonly ConnectionSummary[];
  /** Open the dialog on a resumed backfill, to follow its progress. */
  onResumed(record: BackfillRecord): void;
}

/** Backfills, newest first, with their checkpoints; interrupted and failed ones resume where they stopped. */
export function BackfillList({ connections, onResumed }: Props) {
  const client = useClient();
  const { watch } = useJobs();
  const listQ = useQuery('backfill.list', { limit: 50 }, { refetchOn: ['backfill.changed'] });
  const [removing, setRemoving] = useState<BackfillRecord | null>(null);
  const records = listQ.data;
  const rows = useMemo(
    () => (records ?? []).map((r) => backfillRow(r, connections.find((c) => c.id === r.connectionId)?.settings.name ?? r.connectionId)),
    [records, connections],
  );

  const resume = (backfillId: string) => {
    client.call('backfill.resume', { backfillId }).then((record) => {
      if (record.jobId) watch(record.jobId);
      onResumed(record);
    }, () => undefined);
  };
  const remove = () => {
    const target = removing;
    setRemoving(null);
    if (target) client.call('backfill.remove', { backfillId: target.backfillId }).catch(() => undefined);
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Backfills">
      <Title order={4} mb="xs">
        Backfills
      </Title>
      {listQ.error && (
        <Alert color="red" mb="xs" title="Could not load the backfills">
          {listQ.error.message}
        </Alert>
      )}
      {records && records.length === 0 && (
        <Text size="sm" c="dimmed">
          No backfill yet. Use a connection's Backfill… to fetch a symbol's history.
        </Text>
      )}
      {rows.length > 0 && (
        <ScrollArea type="auto">
          <Table fz="xs" verticalSpacing={4} aria-label="Backfills table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>What</Table.Th>
                <Table.Th>Range</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Checkpoint</Table.Th>
                <Table.Th>Bars</Table.Th>
                <Table.Th>Requests</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={row.backfillId} data-backfill-id={row.backfillId} data-state={row.state}>
                  <Table.Td fw={500}>{row.what}</Table.Td>
                  <Table.Td ff="monospace">{row.range}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={row.error ?? row.state} disabled={!row.error}>
                      <Badge size="sm" variant="light" tt="none" color={BACKFILL_STATE_COLOR[row.state]} style={{ overflow: 'visible' }}>
                        {row.state}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td miw={150}>
                    <Text size="xs" ff="monospace">
                      {row.cursor}
                    </Text>
                    <Progress size={3} value={row.percent} color={BACKFILL_STATE_COLOR[row.state]} aria-label={`Checkpoint of ${row.what}`} />
                  </Table.Td>
                  <Table.Td ff="monospace">{row.counts}</Table.Td>
                  <Table.Td ff="monospace">{row.requests}</Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap" justify="flex-end">
                      {row.canResume && (
                        <Tooltip label="Resume from the checkpoint">
                          <ActionIcon size="sm" variant="subtle" aria-label={`Resume ${row.what}`} onClick={() => resume(row.backfillId)}>
                            <IconPlayerPlay size={14} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      {row.canRemove && (
                        <Tooltip label="Forget this backfill (its bars stay)">
                          <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Remove ${row.what}`} onClick={() => setRemoving(records![i]!)}>
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <ConfirmDelete
        what={removing ? `Forget the backfill of ${removing.symbol} ${removing.timeframe}?` : null}
        title="Remove this backfill?"
        consequence="The bars it stored stay; only its record and checkpoint go."
        onCancel={() => setRemoving(null)}
        onConfirm={remove}
      />
    </Paper>
  );
}
