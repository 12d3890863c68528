import { Alert, Badge, Button, Popover, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconBroadcast } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { MarketSelect } from '../../connections/live/MarketSelect.tsx';
import type { LiveChart } from './use-live-chart.ts';

interface Props {
  live: LiveChart;
  instrument: Instrument | undefined;
  instruments: readonly Instrument[];
  replaying: boolean;
  /** Show another instrument (a new live symbol may be stored as its own instrument). */
  onOpenInstrument(instrumentId: number): void;
}

/**
 * The chart's Live control. With a subscription: the LIVE badge (green while bars flow, grey with
 * the reason otherwise); clicking pauses or resumes following. Without one: a small form that
 * starts streaming the chart's symbol from a connection.
 */
export function LiveToggle({ live, instrument, instruments, replaying, onOpenInstrument }: Props) {
  const [open, setOpen] = useState(false);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [symbol, setSymbol] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The new subscription's instrument, shown once the instrument list holds it.
  const [pending, setPending] = useState<number | null>(null);

  useEffect(() => {
    if (pending !== null && instruments.some((i) => i.id === pending)) {
      onOpenInstrument(pending);
      setPending(null);
    }
  }, [pending, instruments, onOpenInstrument]);
  useEffect(() => {
    if (!open) return;
    setConnectionId((id) => id ?? live.connections[0]?.id ?? null);
    setSymbol(instrument?.symbol ?? '');
    setFailure(null);
  }, [open, instrument, live.connections]);

  const badge = live.badge;
  if (live.subscription && badge) {
    return (
      <Tooltip label={badge.title} multiline maw={320}>
        <Button size="xs" variant="default" aria-label="Live" aria-pressed={live.following} onClick={() => live.setFollowing(!live.following)} disabled={replaying} data-testid="live-toggle">
          <Badge color={badge.color} variant={badge.dimmed ? 'light' : 'filled'} size="sm" style={{ opacity: badge.dimmed ? 0.7 : 1 }} data-testid="live-badge" data-live={!badge.dimmed}>
            LIVE
          </Badge>
          {badge.note && (
            <Text span size="xs" c="dimmed" ml={6}>
              {badge.note}
            </Text>
          )}
        </Button>
      </Tooltip>
    );
  }

  const start = () => {
    if (!connectionId || symbol.trim() === '') return setFailure('Choose a connection and a symbol');
    setBusy(true);
    setFailure(null);
    live
      .start(connectionId, symbol.trim())
      .then((sub) => {
        setOpen(false);
        if (sub.instrumentId !== instrument?.id) setPending(sub.instrumentId);
      }, (error: ClientError) => setFailure(error.message))
      .finally(() => setBusy(false));
  };

  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" withArrow trapFocus width={300}>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconBroadcast size={14} />} onClick={() => setOpen((o) => !o)} disabled={replaying || !instrument} aria-label="Live" data-testid="live-toggle">
          Live
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            Stream this symbol from a connection: its bars are built from trades, stored, and drawn as they form.
          </Text>
          {live.connections.length === 0 ? (
            <Text size="sm">Add a connection on the Connections page first.</Text>
          ) : (
            <>
              <Select
                size="xs"
                label="Live connection"
                aria-label="Live connection"
                data={live.connections.map((c) => ({ value: c.id, label: c.settings.name }))}
                value={connectionId}
                onChange={setConnectionId}
                allowDeselect={false}
                comboboxProps={{ withinPortal: false }}
              />
              <MarketSelect key={connectionId ?? 'none'} connectionId={connectionId} kind={live.connections.find((c) => c.id === connectionId)?.settings.kind} value={symbol} onChange={setSymbol} label="Live symbol" withinPortal={false} />
              {failure && (
                <Alert color="red" p="xs">
                  {failure}
                </Alert>
              )}
              <Button size="xs" onClick={start} loading={busy}>
                Start live
              </Button>
            </>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
