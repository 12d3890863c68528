import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import type { Instrument } from '../../../src-shared/domain/instrument.ts';
import { useClient } from '../../client/hooks.ts';
import { notifySuccess } from '../../shell/notify-error.ts';
import { formatCount } from '../../ui/format.ts';
import { totalBars } from './group-instruments.ts';

interface Props {
  instrument: Instrument | null;
  onClose(): void;
  onDeleted(): void;
}

/** Asks before deleting an instrument, naming it and how many bars go with it. */
export function DeleteInstrumentModal({ instrument, onClose, onDeleted }: Props) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  // Keep the last instrument while the modal animates out.
  const [shown, setShown] = useState<Instrument | null>(instrument);
  if (instrument && instrument !== shown) setShown(instrument);
  const target = instrument ?? shown;

  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const { removedBars } = await client.call('instruments.remove', { instrumentId: target.id });
      notifySuccess(`Deleted ${target.symbol}`, `${formatCount(removedBars)} bars removed`);
      onDeleted();
      onClose();
    } catch {
      // the error notification says why; the modal stays so the user can retry or cancel
    } finally {
      setBusy(false);
    }
  };

  const bars = target ? totalBars(target) : 0;
  return (
    <Modal opened={instrument !== null} onClose={onClose} title={target ? `Delete ${target.symbol}?` : 'Delete'} centered>
      {target && (
        <Text>
          This deletes <b>{target.symbol}</b> and its <b>{formatCount(bars)}</b> {bars === 1 ? 'bar' : 'bars'}
          {target.series.length > 0 ? ` (${target.series.map((s) => s.timeframe).join(', ')})` : ''} from the
          workspace. It cannot be undone.
        </Text>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button color="red" onClick={() => void confirm()} loading={busy} data-autofocus>
          Delete {target?.symbol}
        </Button>
      </Group>
    </Modal>
  );
}
