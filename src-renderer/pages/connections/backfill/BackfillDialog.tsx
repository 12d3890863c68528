import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { BackfillRecord } from '../../../../src-shared/contract/backfill.contract.ts';
import type { ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { useClient, useEvent } from '../../../client/hooks.ts';
import { venueSummary } from '../form/venue-summary.ts';
import { MarketSelect } from '../live/MarketSelect.tsx';
import { activePreset, BACKFILL_PRESETS, BACKFILL_TIMEFRAMES, presetRange, toBackfillTarget, type BackfillForm } from './backfill-form.ts';
import { BackfillPlanView } from './BackfillPlanView.tsx';
import { BackfillProgress } from './BackfillProgress.tsx';
import { useBackfillPlan } from './use-backfill-plan.ts';

/** What opens the dialog: a connection's Backfill…, or a live symbol's (connection, symbol and timeframe known). */
export interface BackfillRequest {
  connectionId: string | null;
  symbol?: string;
  timeframe?: Timeframe;
  /** A backfill already started (resumed from the list): the dialog follows its progress. */
  record?: BackfillRecord;
}

interface Props {
  request: BackfillRequest | null;
  connections: readonly ConnectionSummary[];
  onClose(): void;
}

function initialForm(request: BackfillRequest, now: number): BackfillForm {
  return { connectionId: request.connectionId, symbol: request.symbol ?? '', timeframe: request.timeframe ?? ('1h' as Timeframe), ...presetRange('30d', now) };
}

/**
 * Fetches a symbol's history from a connection: what is missing of the range is planned as it is
 * typed, then fetched as a checkpointed job whose progress shows here until the dialog is closed.
 */
export function BackfillDialog({ request, connections, onClose }: Props) {
  const client = useClient();
  // One "now" per opening: the plan's input must not change on every render.
  const [now, setNow] = useState(() => Date.now());
  const [form, setForm] = useState<BackfillForm>(() => initialForm(request ?? { connectionId: null }, now));
  const [started, setStarted] = useState<BackfillRecord | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (!request) return;
    const at = Date.now();
    setNow(at);
    setForm(initialForm({ ...request, connectionId: request.connectionId ?? connections[0]?.id ?? null }, at));
    setStarted(request.record ?? null);
    setFailure(null);
    // Only a new request resets the dialog, not a refreshed connection list.
  }, [request]);

  useEvent('backfill.changed', (record) => setStarted((s) => (s && s.backfillId === record.backfillId ? record : s)));

  const checked = useMemo(() => toBackfillTarget(form, now), [form, now]);
  const plan = useBackfillPlan(started ? null : checked.target);
  const errors = checked.errors ?? {};
  const set = (patch: Partial<BackfillForm>) => setForm((f) => ({ ...f, ...patch }));
  const connectionName = connections.find((c) => c.id === (started?.connectionId ?? form.connectionId))?.settings.name ?? '';
  const chosen = connections.find((c) => c.id === form.connectionId);

  const start = () => {
    // The range ends at the moment Start is pressed.
    const fresh = toBackfillTarget(form, Date.now());
    if (!fresh.target) return;
    setStarting(true);
    setFailure(null);
    client
      .call('backfill.start', fresh.target)
      .then(setStarted, (error: ClientError) => setFailure(error.message))
      .finally(() => setStarting(false));
  };

  return (
    <Modal opened={request !== null} onClose={onClose} title="Backfill history" size="lg">
      {started ? (
        <Stack gap="sm">
          <BackfillProgress record={started} connectionName={connectionName} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {started.state === 'running' ? 'Close (keeps running)' : 'Close'}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="xs">
            <Select
              label="Connection"
              aria-label="Connection"
              data={connections.map((c) => ({ value: c.id, label: c.settings.name }))}
              value={form.connectionId}
              onChange={(id) => set({ connectionId: id, symbol: '' })}
              allowDeselect={false}
              error={form.connectionId ? undefined : errors.connectionId}
            />
            <Select
              label="Timeframe"
              aria-label="Timeframe"
              data={BACKFILL_TIMEFRAMES}
              value={form.timeframe}
              onChange={(tf) => tf && set({ timeframe: tf as Timeframe })}
              allowDeselect={false}
            />
          </SimpleGrid>
          {chosen && (
            <Text size="xs" c="dimmed" mt={-6} data-testid="backfill-venue">
              {venueSummary(chosen.settings)}
            </Text>
          )}
          <MarketSelect key={form.connectionId ?? 'none'} connectionId={form.connectionId} kind={chosen?.settings.kind} value={form.symbol} onChange={(symbol) => set({ symbol })} />
          <Group gap="xs">
            {BACKFILL_PRESETS.map((p) => (
              <Button key={p.id} size="compact-xs" variant={activePreset(form, now) === p.id ? 'filled' : 'default'} onClick={() => set(presetRange(p.id, now))}>
                {p.label}
              </Button>
            ))}
          </Group>
          <SimpleGrid cols={2} spacing="xs">
            <TextInput label="From" aria-label="From" placeholder="YYYY-MM-DD" value={form.from} onChange={(e) => set({ from: e.currentTarget.value })} error={form.from ? errors.from : undefined} />
            <TextInput label="To" aria-label="To" placeholder="YYYY-MM-DD (empty: now)" value={form.to} onChange={(e) => set({ to: e.currentTarget.value })} error={errors.to} />
          </SimpleGrid>
          <BackfillPlanView state={plan} timeframe={form.timeframe} />
          {failure && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The backfill did not start" data-testid="backfill-failure">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button leftSection={<IconDownload size={16} />} onClick={start} loading={starting} disabled={!checked.target || plan.plan?.bars === 0}>
              Start
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
