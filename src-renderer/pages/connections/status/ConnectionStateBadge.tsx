import { Badge, Tooltip } from '@mantine/core';
import type { ConnectionStatus } from '../../../../src-shared/domain/connection.ts';
import { formatLocalTime } from '../../../ui/format.ts';
import { STATE_COLOR, stateLabel } from './connection-status.ts';
import { useNow } from './use-now.ts';

/** The state as a coloured badge; while reconnecting it counts down to the next attempt each second. */
export function ConnectionStateBadge({ status, name }: { status: ConnectionStatus; name: string }) {
  const now = useNow(status.state === 'reconnecting' && status.retryAt !== null);
  return (
    <Tooltip label={`Since ${formatLocalTime(status.since)}`} openDelay={300}>
      <Badge
        color={STATE_COLOR[status.state]}
        variant={status.state === 'live' ? 'filled' : 'light'}
        size="lg"
        tt="none"
        aria-label={`${name} state`}
        data-state={status.state}
        data-testid="connection-state"
      >
        {stateLabel(status, now)}
      </Badge>
    </Tooltip>
  );
}
