import { Alert, Checkbox, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { IB_PORT_PRESETS, ibPortPreset, type ConnectionForm, type NumberField } from './connection-form.ts';
import type { FieldErrors } from './field-errors.ts';

interface Props {
  form: ConnectionForm;
  errors: FieldErrors;
  onChange(update: (form: ConnectionForm) => ConnectionForm): void;
}

/** NumberInput gives a string while the box is empty or half typed; the form keeps '' for that. */
const asNumber = (v: string | number): NumberField => (typeof v === 'number' ? v : '');

const PRESET_OPTIONS = IB_PORT_PRESETS.map((p) => ({ value: String(p.port), label: `${p.port} · ${p.label}` }));

/**
 * Where TWS or IB Gateway listens and how this app talks to it. There are no keys: the user logs
 * in to TWS, which then lets local API clients in; and no URLs: TWS speaks its own socket protocol.
 */
export function IbFields({ form, errors, onChange }: Props) {
  const preset = ibPortPreset(form.ibPort);
  return (
    <Stack gap="xs">
      <Alert p="xs" color="blue" icon={<IconInfoCircle size={16} />}>
        <Text size="sm">
          No API keys here: TWS or IB Gateway holds your login. In its settings (API → Settings), enable "ActiveX and Socket Clients"
          and use the port shown there.
        </Text>
      </Alert>
      <SimpleGrid cols={3} spacing="xs">
        <TextInput
          label="TWS host"
          aria-label="TWS host"
          value={form.ibHost}
          onChange={(e) => {
            const ibHost = e.currentTarget.value;
            onChange((f) => ({ ...f, ibHost }));
          }}
          error={errors.ibHost}
        />
        <NumberInput
          label="Port"
          aria-label="Port"
          value={form.ibPort}
          onChange={(v) => onChange((f) => ({ ...f, ibPort: asNumber(v) }))}
          error={errors.ibPort}
          allowNegative={false}
          allowDecimal={false}
          min={1}
          max={65_535}
        />
        <Select
          label="Port preset"
          aria-label="Port preset"
          placeholder="Custom port"
          data={PRESET_OPTIONS}
          value={preset ? String(preset.port) : null}
          onChange={(v) => v && onChange((f) => ({ ...f, ibPort: Number(v) }))}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Text size="xs" c={preset?.live ? 'orange' : 'dimmed'} mt={-4} data-testid="ib-port-hint">
        TWS listens on 7497 (paper) or 7496 (live), IB Gateway on 4002 (paper) or 4001 (live); the host is 127.0.0.1 when it runs on
        this computer.{preset?.live ? ` Port ${preset.port} is ${preset.label}: a real-money account.` : ''}
      </Text>
      <NumberInput
        label="Client id"
        aria-label="Client id"
        description="Unique per TWS: two applications with the same client id lock each other out (TWS error 326)"
        value={form.ibClientId}
        onChange={(v) => onChange((f) => ({ ...f, ibClientId: asNumber(v) }))}
        error={errors.ibClientId}
        allowNegative={false}
        allowDecimal={false}
        min={0}
        max={2_147_483_647}
      />
      <div>
        <Text size="sm" fw={500}>
          Live data from
        </Text>
        <SegmentedControl
          aria-label="Live data from"
          value={form.ibLive}
          onChange={(v) => onChange((f) => ({ ...f, ibLive: v as ConnectionForm['ibLive'] }))}
          data={[
            { value: 'bars', label: '5-second bars' },
            { value: 'ticks', label: 'Tick-by-tick trades' },
          ]}
        />
        <Text size="xs" c={errors.ibLive ? 'red' : 'dimmed'} mt={2}>
          {errors.ibLive ??
            (form.ibLive === 'bars'
              ? "Each live symbol takes one of the account's market-data lines; its bars are built from IB's 5-second bars."
              : 'Every trade, exact; but accounts get only a few tick-by-tick lines at a time.')}
        </Text>
      </div>
      <Checkbox
        label="Regular trading hours only"
        aria-label="Regular trading hours only"
        description="History of stocks without pre- and after-market bars, as the market calendars expect"
        checked={form.ibRegularHoursOnly}
        onChange={(e) => {
          const ibRegularHoursOnly = e.currentTarget.checked;
          onChange((f) => ({ ...f, ibRegularHoursOnly }));
        }}
        error={errors.ibRegularHoursOnly}
      />
    </Stack>
  );
}
