import { Alert, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconEdit, IconList, IconPlayerPlay, IconPlayerStop, IconPlugConnected, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConnectionTestResult } from '../../../../src-shared/contract/connections.contract.ts';
import type { ConnectionStatus, ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import { useClient } from '../../../client/hooks.ts';
import { formatCount } from '../../../ui/format.ts';
import { connectionSubtitle } from '../form/venue-summary.ts';
import { BREAKER_COLOR, formatAge, formatLatency } from '../status/connection-status.ts';
import { ConnectionStateBadge } from '../status/ConnectionStateBadge.tsx';
import { useNow } from '../status/use-now.ts';

interface Props {
  connection: ConnectionSummary;
  status: ConnectionStatus;
  onEdit(): void;
  onDelete(): void;
  onBackfill(): void;
  onLog(): void;
}

/** One connection: its state at a glance, the figures behind it, and what can be done with it. */
export function ConnectionCard({ connection, status, onEdit, onDelete, onBackfill, onLog }: Props) {
  const client = useClient();
  const s = connection.settings;
  const name = s.name;
  const [busy, setBusy] = useState<'connect' | 'test' | null>(null);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  // The last message's age moves every second while data flows.
  const now = useNow(status.state === 'live');
  const running = status.state !== 'disconnected';

  const toggle = () => {
    setBusy('connect');
    const channel = running ? 'connections.disconnect' : 'connections.connect';
    // The new state arrives as connections.status; a failure is shown by the client's notification.
    client.call(channel, { connectionId: connection.id }).catch(() => undefined).finally(() => setBusy(null));
  };
  const runTest = () => {
    setBusy('test');
    setTest(null);
    client
      .call('connections.test', { connectionId: connection.id, settings: s })
      .then(setTest, () => undefined)
      .finally(() => setBusy(null));
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={`Connection ${name}`} data-connection-id={connection.id}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={700} size="lg">
              {name}
            </Text>
            <ConnectionStateBadge status={status} name={name} />
            <Tooltip label="The circuit breaker stops requests after repeated failures, then probes again">
              <Badge color={BREAKER_COLOR[status.breaker]} variant="outline" size="sm" aria-label={`${name} breaker`}>
                breaker {status.breaker}
              </Badge>
            </Tooltip>
            {connection.hasCredentials && (
              <Badge color="gray" variant="dot" size="sm">
                keys stored
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {connectionSubtitle(s)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button size="xs" color={running ? 'gray' : 'teal'} variant={running ? 'default' : 'filled'} leftSection={running ? <IconPlayerStop size={14} /> : <IconPlayerPlay size={14} />} loading={busy === 'connect'} onClick={toggle}>
            {running ? 'Disconnect' : 'Connect'}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconPlugConnected size={14} />} loading={busy === 'test'} onClick={runTest}>
            Test
          </Button>
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={onBackfill}>
            Backfill…
          </Button>
          <Button size="xs" variant="default" leftSection={<IconList size={14} />} onClick={onLog}>
            Log
          </Button>
          <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={onEdit}>
            Edit
          </Button>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={onDelete}>
            Delete
          </Button>
        </Group>
      </Group>
      <Group gap="xl" mt="sm" wrap="wrap">
        <Fact label="Latency" value={formatLatency(status.latencyMs)} />
        <Fact label="Last message" value={formatAge(status.lastMessageAt, now)} />
        <Fact label="Subscriptions" value={formatCount(status.subscriptions)} />
        <Fact label="Reconnects" value={formatCount(status.reconnects)} />
      </Group>
      {status.lastError && (
        <Text size="sm" c="red" mt="xs" data-testid="connection-last-error">
          Last error: {status.lastError}
        </Text>
      )}
      {test && (
        <Alert mt="sm" p="xs" color={test.ok ? 'teal' : 'red'} icon={test.ok ? <IconPlugConnected size={16} /> : <IconAlertTriangle size={16} />} withCloseButton onClose={() => setTest(null)} data-testid="connection-test-result">
          {test.message}
        </Alert>
      )}
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text size="sm" ff="monospace" aria-label={label}>
        {value}
      </Text>
    </div>
  );
}
