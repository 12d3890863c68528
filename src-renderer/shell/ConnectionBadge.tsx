import { Badge, Tooltip } from '@mantine/core';
import type { ConnectionState } from '../../src-shared/transport/transport.ts';
import { useClient, useConnectionState } from '../client/hooks.ts';

const LOOK: Record<ConnectionState, { color: string; label: string; hint: string }> = {
  open: { color: 'green', label: 'Connected', hint: 'Connected to the Candlewick core' },
  connecting: { color: 'yellow', label: 'Connecting…', hint: 'Connecting to the Candlewick core' },
  reconnecting: {
    color: 'yellow',
    label: 'Reconnecting…',
    hint: 'The connection was lost; retrying automatically. Click to retry now.',
  },
  closed: { color: 'red', label: 'Disconnected', hint: 'Not connected. Reload the page to connect again.' },
};

export function ConnectionBadge() {
  const client = useClient();
  const state = useConnectionState();
  const look = LOOK[state];
  const retry = state === 'reconnecting' || state === 'connecting';
  return (
    <Tooltip label={look.hint}>
      <Badge
        color={look.color}
        variant="dot"
        size="lg"
        role="status"
        aria-live="polite"
        component={retry ? 'button' : 'div'}
        onClick={retry ? () => client.retryNow() : undefined}
        style={retry ? { cursor: 'pointer' } : undefined}
      >
        {look.label}
      </Badge>
    </Tooltip>
  );
}
