import { Group, Radio, SimpleGrid, Text } from '@mantine/core';
import { SOURCE_KINDS, type SourceKind } from '../../../../src-shared/domain/connection.ts';
import { SOURCE_LABELS } from './connection-form.ts';

/** What each kind of venue offers, in a line: enough to choose without reading the docs. */
const SOURCE_NOTES: Record<SourceKind, string> = {
  ccxt: 'Binance, Coinbase, Kraken, Bybit, OKX: live trades and history',
  yahoo: 'Stocks, indices, forex: polled, no keys',
  ib: 'Stocks, futures, forex, options through your running TWS or IB Gateway',
  alpaca: 'US stocks and ETFs: live bars and history, with your API keys',
};

interface Props {
  value: SourceKind;
  onChange(kind: SourceKind): void;
}

/**
 * The kind of connection, as cards with their plain names: four long names do not fit one
 * segmented row, and a line under each says what the venue is for.
 */
export function SourcePicker({ value, onChange }: Props) {
  return (
    <Radio.Group label="Source" value={value} onChange={(v) => onChange(v as SourceKind)}>
      <SimpleGrid cols={2} spacing="xs" mt={4}>
        {SOURCE_KINDS.map((kind) => (
          <Radio.Card key={kind} value={kind} radius="md" p="xs" aria-label={SOURCE_LABELS[kind]} data-kind={kind}>
            <Group wrap="nowrap" align="flex-start" gap="xs">
              <Radio.Indicator size="xs" mt={3} />
              <div>
                <Text size="sm" fw={500}>
                  {SOURCE_LABELS[kind]}
                </Text>
                <Text size="xs" c="dimmed">
                  {SOURCE_NOTES[kind]}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
