import { Alert, Button, Group, Modal, MultiSelect, Select, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { useClient } from '../../../client/hooks.ts';
import { notifySuccess } from '../../../shell/notify-error.ts';
import { venueSummary } from '../form/venue-summary.ts';
import { MarketSelect } from './MarketSelect.tsx';

/** Timeframes a live symbol can build (the contract allows up to 8 at once). */
export const LIVE_TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'] as const;

interface Props {
  opened: boolean;
  connections: readonly ConnectionSummary[];
  onClose(): void;
}

/** Streams a symbol from a connection: its trades are built into bars of the chosen timeframes and stored. */
export function AddLiveSymbolModal({ opened, connections, onClose }: Props) {
  const client = useClient();
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [symbol, setSymbol] = useState('');
  const [timeframes, setTimeframes] = useState<string[]>(['1m']);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const connection = connections.find((c) => c.id === connectionId);

  useEffect(() => {
    if (!opened) return;
    setConnectionId((id) => id ?? connections[0]?.id ?? null);
    setSymbol('');
    setTimeframes(['1m']);
    setFailure(null);
  }, [opened, connections]);

  const add = () => {
    if (!connectionId) return setFailure('Choose a connection');
    if (symbol.trim() === '') return setFailure('Choose a symbol');
    if (timeframes.length === 0) return setFailure('Choose at least one timeframe');
    setBusy(true);
    setFailure(null);
    client
      .call('live.subscribe', { connectionId, symbol: symbol.trim(), timeframes: timeframes as Timeframe[] })
      .then(
        (sub) => {
          notifySuccess(`Streaming ${sub.symbol}`, `${sub.timeframes.join(', ')} bars are built and stored as trades arrive`);
          onClose();
        },
        (error: ClientError) => setFailure(error.message),
      )
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Add a live symbol">
      <Stack gap="sm">
        <Select
          label="Connection"
          aria-label="Connection"
          data={connections.map((c) => ({ value: c.id, label: c.settings.name }))}
          value={connectionId}
          onChange={(id) => {
            setConnectionId(id);
            setSymbol('');
          }}
          allowDeselect={false}
          description={connection ? venueSummary(connection.settings) : undefined}
        />
        <MarketSelect key={connectionId ?? 'none'} connectionId={connectionId} kind={connection?.settings.kind} value={symbol} onChange={setSymbol} />
        <MultiSelect
          label="Timeframes"
          aria-label="Timeframes"
          description="Bars built from the trades and stored as each completes"
          data={[...LIVE_TIMEFRAMES]}
          value={timeframes}
          onChange={setTimeframes}
          maxValues={8}
        />
        {failure && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="live-add-error">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={add} loading={busy}>
            Start streaming
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
