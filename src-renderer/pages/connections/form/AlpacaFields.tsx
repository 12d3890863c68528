import { SegmentedControl, SimpleGrid, Text } from '@mantine/core';
import type { ConnectionForm } from './connection-form.ts';
import type { FieldErrors } from './field-errors.ts';

interface Props {
  form: ConnectionForm;
  errors: FieldErrors;
  onChange(update: (form: ConnectionForm) => ConnectionForm): void;
}

/**
 * Alpaca's account (paper or live: each has its own keys and trading endpoint) and the market-data
 * feed its plan includes. Live is shown in the warning colour: that account trades real money.
 */
export function AlpacaFields({ form, errors, onChange }: Props) {
  const live = form.alpacaEnvironment === 'live';
  return (
    <SimpleGrid cols={2} spacing="xs">
      <div>
        <Text size="sm" fw={500}>
          Environment
        </Text>
        <SegmentedControl
          aria-label="Environment"
          fullWidth
          color={live ? 'orange' : undefined}
          value={form.alpacaEnvironment}
          onChange={(v) => onChange((f) => ({ ...f, alpacaEnvironment: v as ConnectionForm['alpacaEnvironment'] }))}
          data={[
            { value: 'paper', label: 'Paper' },
            { value: 'live', label: 'Live' },
          ]}
        />
        <Text size="xs" c={errors.alpacaEnvironment ? 'red' : live ? 'orange' : 'dimmed'} mt={2} data-testid="alpaca-environment-note">
          {errors.alpacaEnvironment ?? (live ? 'Live: your real-money account. Use its own keys.' : 'Paper: a simulated account with its own keys.')}
        </Text>
      </div>
      <div>
        <Text size="sm" fw={500}>
          Market data feed
        </Text>
        <SegmentedControl
          aria-label="Market data feed"
          fullWidth
          value={form.alpacaFeed}
          onChange={(v) => onChange((f) => ({ ...f, alpacaFeed: v as ConnectionForm['alpacaFeed'] }))}
          data={[
            { value: 'iex', label: 'IEX' },
            { value: 'sip', label: 'SIP' },
          ]}
        />
        <Text size="xs" c={errors.alpacaFeed ? 'red' : 'dimmed'} mt={2}>
          {errors.alpacaFeed ??
            (form.alpacaFeed === 'sip' ? 'All US exchanges: needs a market-data subscription.' : 'One exchange (IEX): comes with every account.')}
        </Text>
      </div>
    </SimpleGrid>
  );
}
