import { Alert, Button, Checkbox, Divider, Drawer, Group, Loader, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DEFAULT_QUALITY_CONFIG, type QualityConfig } from '../../../src-shared/domain/quality.ts';
import type { ClientError } from '../../client/client-error.ts';
import { useClient } from '../../client/hooks.ts';
import { notifySuccess } from '../../shell/notify-error.ts';
import { rulesFieldOf, rulesForm, toQualityConfig, type RulesErrors, type RulesForm } from './rules-form.ts';

type NumKey = Exclude<keyof RulesForm, 'priceJumpEnabled' | 'volumeSpikeEnabled'>;

/** The workspace's rule thresholds (`quality.config`), edited and saved (`quality.saveConfig`). */
/** `onSaved`: the thresholds changed, so the shown report is out of date. */
export function RulesDrawer({ opened, onClose, onSaved }: { opened: boolean; onClose(): void; onSaved(): void }) {
  const client = useClient();
  const [base, setBase] = useState<QualityConfig | null>(null);
  const [form, setForm] = useState<RulesForm | null>(null);
  const [errors, setErrors] = useState<RulesErrors & { form?: string }>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setErrors({});
    client.call('quality.config', {}).then(
      (config) => (setBase(config), setForm(rulesForm(config))),
      (error: ClientError) => setErrors({ form: error.message }),
    );
  }, [opened, client]);

  const save = () => {
    if (!form || !base) return;
    const checked = toQualityConfig(form, base);
    setErrors(checked.errors ?? {});
    if (!checked.config) return;
    setSaving(true);
    client
      .call('quality.saveConfig', { config: checked.config })
      .then(
        (saved) => {
          setBase(saved);
          onSaved();
          notifySuccess('Quality rules saved', 'Reports use the new thresholds from now on.');
          onClose();
        },
        (error: ClientError) => setErrors(refusal(error)),
      )
      .finally(() => setSaving(false));
  };

  const num = (key: NumKey, label: string, description: string, min: number) => (
    <NumberInput
      label={label}
      aria-label={label}
      description={description}
      value={form?.[key] ?? ''}
      min={min}
      allowNegative={false}
      onChange={(v) => setForm((f) => f && { ...f, [key]: typeof v === 'number' ? v : '' })}
      error={errors[key]}
    />
  );
  const check = (key: 'priceJumpEnabled' | 'volumeSpikeEnabled', label: string) => (
    <Checkbox label={label} aria-label={label} checked={form?.[key] ?? false} onChange={(e) => {
      const on = e.currentTarget.checked;
      setForm((f) => f && { ...f, [key]: on });
    }} />
  );

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title="Quality rules">
      {!form && !errors.form && <Loader size="sm" />}
      {form && (
        <Stack gap="sm">
          <Divider label="Price jumps" labelPosition="left" />
          <Text size="xs" c="dimmed">A close is suspect only when both the move and its robust z-score are large.</Text>
          {check('priceJumpEnabled', 'Check price jumps')}
          <SimpleGrid cols={2} spacing="xs">
            {num('priceJumpPercent', 'Jump percent', 'Move of at least this %', 0)}
            {num('priceJumpZ', 'Jump robust z', 'And at least this z', 0)}
            {num('priceJumpWindow', 'Jump window (bars)', 'Trailing returns used', 5)}
            {num('priceJumpMinHistory', 'Jump min history', 'Returns needed to judge', 3)}
          </SimpleGrid>
          <Divider label="Volume spikes" labelPosition="left" />
          {check('volumeSpikeEnabled', 'Check volume spikes')}
          <SimpleGrid cols={2} spacing="xs">
            {num('volumeSpikeZ', 'Volume robust z', 'Upward spikes at least this z', 0)}
            {num('volumeSpikeWindow', 'Volume window (bars)', 'Trailing bars used', 5)}
            {num('volumeSpikeMinHistory', 'Volume min history', 'Bars needed to judge', 3)}
          </SimpleGrid>
          <Divider label="Freshness (live data)" labelPosition="left" />
          {num('maxStaleBars', 'Max stale bars', 'The last bar may be this many periods old', 0)}
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setForm(rulesForm(DEFAULT_QUALITY_CONFIG))}>
              Defaults
            </Button>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button onClick={save} loading={saving}>
                Save
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
      {!form && errors.form && <Alert color="red">{errors.form}</Alert>}
    </Drawer>
  );
}

/** The core's refusal under the boxes it names; anything else as one message. */
function refusal(error: ClientError): RulesErrors & { form?: string } {
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (error.code !== 'VALIDATION_FAILED' || !Array.isArray(issues)) return { form: error.message };
  const out: RulesErrors & { form?: string } = {};
  for (const issue of issues) {
    const field = rulesFieldOf(issue.path);
    if (field) out[field] ??= issue.message;
    else out.form ??= `${issue.path}: ${issue.message}`;
  }
  return out;
}
