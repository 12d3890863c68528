import { Alert, Badge, Drawer, Loader, ScrollArea, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ConnectionLogEntry } from '../../../../src-shared/domain/connection.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { useClient, useEvent } from '../../../client/hooks.ts';
import { formatLocalTime } from '../../../ui/format.ts';
import { LEVEL_COLOR, mergeLog } from './connection-log.ts';

interface Props {
  /** The connection whose log is open; null closes the drawer. */
  connection: { id: string; name: string } | null;
  onClose(): void;
}

/** State changes, errors, rate limits and resubscriptions of one connection, newest first, growing live. */
export function ConnectionLogDrawer({ connection, onClose }: Props) {
  const client = useClient();
  const [entries, setEntries] = useState<ConnectionLogEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const id = connection?.id ?? null;

  useEffect(() => {
    setEntries([]);
    setFailure(null);
    if (!id) return;
    let stale = false;
    setLoading(true);
    client.call('connections.log', { connectionId: id, limit: 200 }).then(
      (log) => !stale && setEntries((held) => mergeLog(held, log, id)),
      (error: ClientError) => !stale && setFailure(error.message),
    ).finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [client, id]);

  // Entries that arrive while the drawer is open (also before the first answer: the merge dedupes).
  useEvent('connections.log', (entry) => {
    if (id && entry.connectionId === id) setEntries((held) => mergeLog(held, [entry], id));
  });

  return (
    <Drawer opened={connection !== null} onClose={onClose} position="right" size="xl" title={connection ? `Log · ${connection.name}` : 'Log'}>
      {failure && (
        <Alert color="red" title="Could not read the log">
          {failure}
        </Alert>
      )}
      {loading && entries.length === 0 && <Loader size="sm" />}
      {!loading && !failure && entries.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing logged yet. Connect to see state changes, errors and rate limits here.
        </Text>
      )}
      {entries.length > 0 && (
        <ScrollArea.Autosize mah="calc(100dvh - 120px)" type="auto">
          <Table fz="xs" verticalSpacing={4} stickyHeader aria-label="Connection log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>Time</Table.Th>
                <Table.Th w={70}>Level</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={`${e.at}|${e.level}|${e.message}`} data-level={e.level}>
                  <Table.Td ff="monospace">{formatLocalTime(e.at)}</Table.Td>
                  <Table.Td>
                    <Badge size="xs" variant="light" color={LEVEL_COLOR[e.level]}>
                      {e.level}
                    </Badge>
                  </Table.Td>
                  <Table.Td c={e.level === 'error' ? 'red' : e.level === 'warn' ? 'orange' : undefined}>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Drawer>
  );
}
