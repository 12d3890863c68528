import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconDatabaseImport, IconShieldX } from '@tabler/icons-react';
import { useState } from 'react';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { useClient } from '../../client/hooks.ts';
import { formatCount } from '../../ui/format.ts';
import { fillGapsText } from './quality-view.ts';

interface Props {
  instrumentId: number;
  timeframe: Timeframe;
  symbol: string;
  /** Bars with an error finding, which "Quarantine errors" would move. */
  errors: number;
  /** Missing bars, which "Fill gaps" would try to fetch. */
  missing: number;
}

/** The two repairs: move the impossible bars into quarantine (asks first), and fetch missing bars from other connections. */
export function QualityActions({ instrumentId, timeframe, symbol, errors, missing }: Props) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'quarantine' | 'fill' | null>(null);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const series = { instrumentId, timeframe };

  const quarantine = () => {
    setConfirming(false);
    setBusy('quarantine');
    client
      .call('quality.quarantineErrors', series)
      .then(({ quarantined }) => setMessage({ color: 'teal', text: `${formatCount(quarantined)} bars moved into quarantine.` }), () => undefined)
      .finally(() => setBusy(null));
  };
  const fill = () => {
    setBusy('fill');
    setMessage(null);
    client
      .call('quality.fillGaps', series)
      .then((r) => setMessage({ color: r.stillMissing > 0 ? 'yellow' : 'teal', text: fillGapsText(r) }), () => undefined)
      .finally(() => setBusy(null));
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button size="xs" color="red" variant="light" leftSection={<IconShieldX size={14} />} disabled={errors === 0} loading={busy === 'quarantine'} onClick={() => setConfirming(true)}>
          Quarantine errors
        </Button>
        <Button size="xs" variant="light" leftSection={<IconDatabaseImport size={14} />} disabled={missing === 0} loading={busy === 'fill'} onClick={fill}>
          Fill gaps from other sources
        </Button>
      </Group>
      {message && (
        <Alert color={message.color} p="xs" withCloseButton onClose={() => setMessage(null)} data-testid="quality-action-result">
          {message.text}
        </Alert>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Quarantine the error bars?" size="sm">
        <Stack gap="sm">
          <Text size="sm">
            The {formatCount(errors)} bars of {symbol} {timeframe} with an error finding leave the store until you accept or discard each. Charts and
            backtests stop using them meanwhile; every move is written to the audit trail.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" onClick={quarantine}>
              Quarantine {formatCount(errors)} bars
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
