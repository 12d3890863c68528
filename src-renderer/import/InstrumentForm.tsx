import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { ASSET_CLASSES } from '../../src-shared/domain/instrument.ts';
import type { ImportDraft } from './draft.ts';
import type { DraftErrors } from './draft-validate.ts';

const ASSET_LABELS: Record<(typeof ASSET_CLASSES)[number], string> = {
  stock: 'Stock',
  etf: 'ETF',
  index: 'Index',
  future: 'Future',
  forex: 'Forex',
  crypto: 'Crypto',
};

interface Props {
  draft: ImportDraft;
  errors: DraftErrors;
  update<K extends keyof ImportDraft>(key: K, value: ImportDraft[K]): void;
}

/** The instrument the bars belong to; an existing symbol (same source) receives the bars. */
export function InstrumentForm({ draft, errors, update }: Props) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
      <TextInput
        label="Symbol"
        required
        value={draft.symbol}
        onChange={(e) => update('symbol', e.currentTarget.value)}
        error={errors.symbol}
        placeholder="ORCL"
        data-autofocus
      />
      <TextInput label="Venue" value={draft.venue} onChange={(e) => update('venue', e.currentTarget.value)} error={errors.venue} placeholder="NASDAQ" />
      <Select
        label="Asset class"
        data={ASSET_CLASSES.map((value) => ({ value, label: ASSET_LABELS[value] }))}
        value={draft.assetClass}
        onChange={(value) => value && update('assetClass', value as ImportDraft['assetClass'])}
        allowDeselect={false}
        error={errors.assetClass}
      />
      <TextInput
        label="Currency"
        value={draft.currency}
        onChange={(e) => update('currency', e.currentTarget.value.toUpperCase())}
        error={errors.currency}
        placeholder="USD"
      />
      <NumberInput
        label="Tick size"
        value={draft.tickSize}
        onChange={(value) => update('tickSize', value)}
        min={0}
        decimalScale={10}
        error={errors.tickSize}
      />
      <NumberInput
        label="Lot size"
        value={draft.lotSize}
        onChange={(value) => update('lotSize', value)}
        min={0}
        decimalScale={10}
        error={errors.lotSize}
      />
    </SimpleGrid>
  );
}
