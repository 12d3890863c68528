import { Alert, Button, Collapse, Divider, Group, Modal, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ConnectionTestResult } from '../../../../src-shared/contract/connections.contract.ts';
import type { CcxtExchange, ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { useClient } from '../../../client/hooks.ts';
import { AdvancedFields } from './AdvancedFields.tsx';
import { AlpacaFields } from './AlpacaFields.tsx';
import {
  EXCHANGE_OPTIONS, formFromSettings, needsKeys, newConnectionForm, takesKeys, withVenue, type ConnectionForm,
} from './connection-form.ts';
import { CredentialFields } from './CredentialFields.tsx';
import { fieldErrorsFromFailure, type FieldErrors } from './field-errors.ts';
import { IbFields } from './IbFields.tsx';
import { toSaveInput } from './save-input.ts';
import { SourcePicker } from './SourcePicker.tsx';

interface Props {
  opened: boolean;
  /** The connection being edited; null adds one. */
  editing: ConnectionSummary | null;
  /** Names in use, so a new connection's default name is free. */
  names: readonly string[];
  onClose(): void;
  onSaved(saved: ConnectionSummary): void;
}

const ADVANCED_FIELDS = ['restUrl', 'wsUrl', 'tradingUrl', 'requestsPerMinute', 'heartbeatSeconds', 'pollSeconds', 'failureThreshold', 'openSeconds', 'backoffInitialMs', 'backoffMaxMs', 'attemptsBeforeDown', 'priority'];

/**
 * Adds or edits a connection. Test tries the typed settings against the venue before anything is
 * saved; Save stores them (keys to the encrypted store). Problems are shown under their boxes,
 * the form's own first, then the core's `VALIDATION_FAILED` issues.
 */
export function ConnectionFormModal({ opened, editing, names, onClose, onSaved }: Props) {
  const client = useClient();
  const [form, setForm] = useState<ConnectionForm>(() => newConnectionForm(names));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [advanced, setAdvanced] = useState(false);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const others = names.filter((n) => n !== editing?.settings.name);

  // A fresh form each time the modal opens (editing shows the saved settings, never the keys).
  useEffect(() => {
    if (!opened) return;
    setForm(editing ? formFromSettings(editing.settings) : newConnectionForm(names));
    setErrors({});
    setTest(null);
    setAdvanced(false);
    // `names` changes with every list refetch; only opening (or another connection) resets the form.
  }, [opened, editing]);

  const update = (change: (f: ConnectionForm) => ConnectionForm) => setForm(change);
  const check = () => {
    const checked = toSaveInput(form, editing ?? undefined);
    setErrors(checked.errors ?? {});
    if (checked.errors && ADVANCED_FIELDS.some((f) => checked.errors![f])) setAdvanced(true);
    return checked.input;
  };
  const refused = (error: ClientError) => {
    const byField = fieldErrorsFromFailure(error);
    setErrors(byField);
    if (ADVANCED_FIELDS.some((f) => byField[f])) setAdvanced(true);
  };

  const runTest = () => {
    const input = check();
    if (!input) return;
    setBusy('test');
    setTest(null);
    client.call('connections.test', input).then(setTest, refused).finally(() => setBusy(null));
  };
  const save = () => {
    const input = check();
    if (!input) return;
    setBusy('save');
    client
      .call('connections.save', input)
      .then((saved) => {
        onSaved(saved);
        onClose();
      }, refused)
      .finally(() => setBusy(null));
  };

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit ${editing.settings.name}` : 'Add connection'} size="lg">
      <form
        aria-label="Connection settings"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack gap="sm">
          <SourcePicker value={form.kind} onChange={(kind) => update((f) => withVenue(f, kind, f.exchange, others))} />
          {form.kind === 'ccxt' && (
            <Select
              label="Exchange"
              aria-label="Exchange"
              data={EXCHANGE_OPTIONS}
              value={form.exchange}
              onChange={(v) => v && update((f) => withVenue(f, f.kind, v as CcxtExchange, others))}
              allowDeselect={false}
              error={errors.exchange}
            />
          )}
          <TextInput
            label="Name"
            aria-label="Name"
            value={form.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              update((f) => ({ ...f, name, nameEdited: true }));
            }}
            error={errors.name}
          />
          {form.kind === 'ib' && <IbFields form={form} errors={errors} onChange={update} />}
          {form.kind === 'alpaca' && <AlpacaFields form={form} errors={errors} onChange={update} />}
          {takesKeys(form.kind) && (
            <>
              <Divider label={needsKeys(form.kind) ? 'API keys (required)' : 'API keys (optional)'} labelPosition="left" />
              <CredentialFields form={form} errors={errors} hasCredentials={editing?.hasCredentials ?? false} onChange={update} />
            </>
          )}
          <UnstyledButton onClick={() => setAdvanced((o) => !o)} aria-expanded={advanced} aria-label="Advanced">
            <Group gap={4}>
              {advanced ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
              <Text size="sm" fw={500}>
                {/* IB has no URLs: TWS is reached at the host and port above. */}
                Advanced: {form.kind === 'ib' ? '' : 'URLs, '}rate limit, heartbeat, breaker, backoff, priority
              </Text>
            </Group>
          </UnstyledButton>
          <Collapse expanded={advanced}>
            <AdvancedFields form={form} errors={errors} onChange={update} />
          </Collapse>
          {errors.form && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not saved" data-testid="connection-form-error">
              {errors.form}
            </Alert>
          )}
          {test && (
            <Alert color={test.ok ? 'teal' : 'red'} icon={test.ok ? <IconPlugConnected size={18} /> : <IconAlertTriangle size={18} />} data-testid="connection-form-test" data-ok={test.ok}>
              {test.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="default" leftSection={<IconPlugConnected size={16} />} loading={busy === 'test'} onClick={runTest}>
              Test
            </Button>
            <Button type="submit" loading={busy === 'save'}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
