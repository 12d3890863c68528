import { Divider, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import type { ConnectionForm, NumberField } from './connection-form.ts';
import type { FieldErrors } from './field-errors.ts';
import { UrlFields } from './UrlFields.tsx';

type NumberKey = {
  [K in keyof ConnectionForm]: ConnectionForm[K] extends NumberField ? K : never;
}[keyof ConnectionForm];

interface Props {
  form: ConnectionForm;
  errors: FieldErrors;
  onChange(update: (form: ConnectionForm) => ConnectionForm): void;
}

/** NumberInput gives a string while the box is empty or half typed; the form keeps '' for that. */
const asNumber = (v: string | number): NumberField => (typeof v === 'number' ? v : '');

/**
 * Where the venue is (a local fake, a gateway) and how the connection behaves: its rate limit,
 * heartbeat, polling, circuit breaker, backoff and priority. Every box has a default.
 */
export function AdvancedFields({ form, errors, onChange }: Props) {
  const number = (key: NumberKey, label: string, description?: string, props: { min?: number; max?: number; placeholder?: string } = {}) => (
    <NumberInput
      label={label}
      aria-label={label}
      description={description}
      value={form[key]}
      onChange={(v) => onChange((f) => ({ ...f, [key]: asNumber(v) }))}
      error={errors[key]}
      allowNegative={false}
      thousandSeparator=","
      {...props}
    />
  );
  // Only Yahoo is polled; the others stream.
  const polled = form.kind === 'yahoo';
  return (
    <Stack gap="xs">
      <UrlFields form={form} errors={errors} onChange={onChange} />
      <SimpleGrid cols={2} spacing="xs">
        {number('requestsPerMinute', 'Requests per minute', 'Empty: the venue\'s published limit', { min: 1, placeholder: 'venue default' })}
        {number('priority', 'Priority', 'Lower fills gaps first', { min: 0, max: 100 })}
        {number('heartbeatSeconds', 'Heartbeat (s)', '3 silent heartbeats: stream lost', { min: 1, max: 300 })}
        {polled && number('pollSeconds', 'Poll every (s)', 'While the market is open', { min: 5, max: 3600 })}
      </SimpleGrid>
      <Divider label="Circuit breaker" labelPosition="left" />
      <SimpleGrid cols={2} spacing="xs">
        {number('failureThreshold', 'Breaker failures', 'Failures in a row that open it', { min: 1, max: 100 })}
        {number('openSeconds', 'Breaker open (s)', 'Before it probes again', { min: 1, max: 3600 })}
      </SimpleGrid>
      <Divider label="Reconnect backoff" labelPosition="left" />
      <SimpleGrid cols={3} spacing="xs">
        {number('backoffInitialMs', 'Backoff initial (ms)', undefined, { min: 50, max: 60_000 })}
        {number('backoffMaxMs', 'Backoff max (ms)', undefined, { min: 100, max: 600_000 })}
        {number('attemptsBeforeDown', 'Attempts before down', undefined, { min: 1, max: 1000 })}
      </SimpleGrid>
    </Stack>
  );
}
