import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConnectionSummary } from '../../../src-shared/domain/connection.ts';
import { useClient } from '../../client/hooks.ts';
import { notifySuccess } from '../../shell/notify-error.ts';
import { ConfirmDelete } from '../backtest/history/ConfirmDelete.tsx';
import { BackfillDialog, type BackfillRequest } from './backfill/BackfillDialog.tsx';
import { BackfillList } from './backfill/BackfillList.tsx';
import { ConnectionFormModal } from './form/ConnectionFormModal.tsx';
import { ConnectionCard } from './list/ConnectionCard.tsx';
import { LiveSymbols } from './live/LiveSymbols.tsx';
import { ConnectionLogDrawer } from './log/ConnectionLogDrawer.tsx';
import { useConnections } from './status/use-connections.ts';

/**
 * Market-data connections: each with its live state, figures and actions; the symbols streamed
 * live; and the backfills that fetch history. Statuses follow `connections.status` events.
 */
export function ConnectionsPage() {
  const client = useClient();
  const { list, statuses, error, loading } = useConnections();
  const [editing, setEditing] = useState<ConnectionSummary | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<ConnectionSummary | null>(null);
  const [logOf, setLogOf] = useState<{ id: string; name: string } | null>(null);
  const [backfill, setBackfill] = useState<BackfillRequest | null>(null);
  const connections = list ?? [];
  const names = connections.map((c) => c.settings.name);

  const openForm = (connection: ConnectionSummary | null) => {
    setEditing(connection);
    setFormOpen(true);
  };
  const remove = () => {
    const target = deleting;
    setDeleting(null);
    if (!target) return;
    client.call('connections.remove', { connectionId: target.id }).then(
      () => notifySuccess(`Deleted ${target.settings.name}`, 'Its keys are gone; its stored bars stay.'),
      () => undefined,
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Connections</Title>
          <Text size="sm" c="dimmed">
            Exchanges and data feeds: live bars, history backfills, and how each connection is doing.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)}>
          Add connection
        </Button>
      </Group>
      {error && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load the connections">
          {error.code}: {error.message}
        </Alert>
      )}
      {list === undefined && loading && (
        <Center mih={120}>
          <Loader />
        </Center>
      )}
      {list && list.length === 0 && (
        <Text c="dimmed">No connection yet. Add one to stream live bars and backfill history from an exchange, Interactive Brokers, Alpaca or Yahoo Finance.</Text>
      )}
      {connections.map((c) => (
        <ConnectionCard
          key={c.id}
          connection={c}
          status={statuses.get(c.id) ?? c.status}
          onEdit={() => openForm(c)}
          onDelete={() => setDeleting(c)}
          onBackfill={() => setBackfill({ connectionId: c.id })}
          onLog={() => setLogOf({ id: c.id, name: c.settings.name })}
        />
      ))}
      <LiveSymbols connections={connections} onBackfill={(s) => setBackfill({ connectionId: s.connectionId, symbol: s.symbol, timeframe: s.timeframes[0] })} />
      <BackfillList connections={connections} onResumed={(r) => setBackfill({ connectionId: r.connectionId, symbol: r.symbol, timeframe: r.timeframe, record: r })} />

      <ConnectionFormModal opened={formOpen} editing={editing} names={names} onClose={() => setFormOpen(false)} onSaved={(s) => notifySuccess(`Saved ${s.settings.name}`, s.hasCredentials ? 'Settings saved; keys stored encrypted.' : 'Settings saved.')} />
      <ConnectionLogDrawer connection={logOf} onClose={() => setLogOf(null)} />
      <BackfillDialog request={backfill} connections={connections} onClose={() => setBackfill(null)} />
      <ConfirmDelete
        what={deleting ? `This disconnects ${deleting.settings.name} and deletes its settings and keys.` : null}
        title="Delete this connection?"
        consequence="Its live symbols stop; the bars it stored stay in the workspace."
        onCancel={() => setDeleting(null)}
        onConfirm={remove}
      />
    </Stack>
  );
}
