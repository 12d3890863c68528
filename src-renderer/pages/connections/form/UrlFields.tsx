import { Stack, Text, TextInput } from '@mantine/core';
import type { ConnectionForm } from './connection-form.ts';
import type { FieldErrors } from './field-errors.ts';

interface Props {
  form: ConnectionForm;
  errors: FieldErrors;
  onChange(update: (form: ConnectionForm) => ConnectionForm): void;
}

type UrlField = 'restUrl' | 'wsUrl' | 'tradingUrl';

interface UrlBox {
  field: UrlField;
  label: string;
  placeholder: string;
  description?: string;
}

/**
 * The address boxes a kind of venue has (save-input.ts sends the same ones): an exchange has REST
 * and websocket; Yahoo is polled over REST only; Alpaca has market data (REST and stream) and its
 * trading API apart, its public addresses shown as placeholders. IB has none.
 */
function urlBoxes(form: ConnectionForm): UrlBox[] {
  switch (form.kind) {
    case 'ccxt':
      return [
        { field: 'restUrl', label: 'REST URL', placeholder: "https://… (the venue's own)" },
        { field: 'wsUrl', label: 'Websocket URL', placeholder: "wss://… (the venue's own)" },
      ];
    case 'yahoo':
      return [{ field: 'restUrl', label: 'REST URL', placeholder: "https://… (the venue's own)" }];
    case 'ib':
      return [];
    case 'alpaca':
      return [
        { field: 'restUrl', label: 'Market data REST URL', placeholder: 'https://data.alpaca.markets' },
        {
          field: 'wsUrl',
          label: 'Stream URL',
          placeholder: 'wss://stream.data.alpaca.markets',
          description: `The base only: the feed's path (/v2/${form.alpacaFeed}) is added to it`,
        },
        {
          field: 'tradingUrl',
          label: 'Trading API URL',
          placeholder: form.alpacaEnvironment === 'live' ? 'https://api.alpaca.markets' : 'https://paper-api.alpaca.markets',
        },
      ];
  }
}

/** Where the venue is, when not at its public address: a local fake, a gateway, a proxy. */
export function UrlFields({ form, errors, onChange }: Props) {
  const boxes = urlBoxes(form);
  if (boxes.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        Interactive Brokers is reached through TWS or IB Gateway at the host and port above: it has no URLs to point elsewhere.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        Leave the URLs empty for the venue's public address; point them at a local fake or a gateway to test or to route through it.
      </Text>
      {boxes.map((box) => (
        <TextInput
          key={box.field}
          label={box.label}
          aria-label={box.label}
          placeholder={box.placeholder}
          description={box.description}
          value={form[box.field]}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange((f) => ({ ...f, [box.field]: value }));
          }}
          error={errors[box.field]}
        />
      ))}
    </Stack>
  );
}
