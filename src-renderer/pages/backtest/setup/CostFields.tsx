import { Checkbox, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  COMMISSION_KINDS,
  COMMISSION_VALUE,
  SIZING_KINDS,
  SIZING_VALUE,
  SLIPPAGE_KINDS,
  SLIPPAGE_VALUE,
  type CostForm,
  type SetupErrors,
  type SetupForm,
} from './setup-form.ts';

interface Props<F extends CostForm> {
  form: F;
  /** The chosen instrument's tick, offered for rounding prices. */
  tickSize: number | null;
  errors: SetupErrors;
  onChange(update: (form: F) => F): void;
}

const COMMISSION_LABELS: Record<SetupForm['commission']['kind'], string> = {
  none: 'None',
  percent: '% of value',
  fixed: 'Fixed per order',
  'per-share': 'Per share (IB fixed)',
  'ib-tiered': 'IB tiered',
  'maker-taker': 'Maker / taker',
};
const SLIPPAGE_LABELS: Record<SetupForm['slippage']['kind'], string> = {
  none: 'None',
  ticks: 'Ticks',
  bps: 'Basis points',
  atr: 'ATR fraction',
  volume: 'Size vs volume',
};
const SIZING_LABELS: Record<SetupForm['sizing']['kind'], string> = {
  percent: '% of equity',
  fixed: 'Fixed quantity',
  cash: 'Fixed cash',
  risk: 'Risk to stop',
  atr: 'ATR volatility',
  kelly: 'Fractional Kelly',
};

const asNumber = (v: string | number) => (typeof v === 'number' ? v : Number.NaN);

/** Cash, commission, slippage, sizing and the annualization calendar. */
export function CostFields<F extends CostForm>({ form, tickSize, errors, onChange }: Props<F>) {
  const c = form.commission;
  const s = form.slippage;
  const z = form.sizing;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={2} spacing="xs">
        <NumberInput
          label="Initial cash"
          value={form.initialCash}
          onChange={(v) => onChange((f) => ({ ...f, initialCash: asNumber(v) }))}
          min={0}
          thousandSeparator=","
          error={errors.initialCash}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Calendar
          </Text>
          <SegmentedControl
            size="xs"
            value={form.calendar}
            onChange={(v) => onChange((f) => ({ ...f, calendar: v as SetupForm['calendar'] }))}
            data={[
              { value: 'stock', label: 'Stocks 252' },
              { value: 'crypto', label: 'Crypto 365' },
            ]}
            aria-label="Annualization calendar"
          />
        </Stack>
        <Select
          label="Commission"
          data={COMMISSION_KINDS.map((k) => ({ value: k, label: COMMISSION_LABELS[k] }))}
          value={c.kind}
          onChange={(k) => k && onChange((f) => ({ ...f, commission: { ...f.commission, kind: k as typeof c.kind } }))}
          allowDeselect={false}
        />
        {COMMISSION_VALUE[c.kind] ? (
          <NumberInput
            label={COMMISSION_VALUE[c.kind]}
            value={c.value}
            onChange={(v) => onChange((f) => ({ ...f, commission: { ...f.commission, value: asNumber(v) } }))}
            min={0}
            decimalScale={6}
            error={errors.commission}
          />
        ) : (
          <Text size="xs" c="dimmed" mt={28}>
            {c.kind === 'ib-tiered' ? '0.0035 → 0.0005 per share by monthly volume' : 'No commission'}
          </Text>
        )}
        {c.kind === 'maker-taker' && (
          <NumberInput
            label="Taker, % of value"
            value={c.value2}
            onChange={(v) => onChange((f) => ({ ...f, commission: { ...f.commission, value2: asNumber(v) } }))}
            min={0}
            decimalScale={6}
            error={errors.commission2}
          />
        )}
        {c.kind === 'maker-taker' && <div />}
        <Select
          label="Slippage"
          data={SLIPPAGE_KINDS.map((k) => ({ value: k, label: SLIPPAGE_LABELS[k] }))}
          value={s.kind}
          onChange={(k) => k && onChange((f) => ({ ...f, slippage: { ...f.slippage, kind: k as typeof s.kind } }))}
          allowDeselect={false}
        />
        {SLIPPAGE_VALUE[s.kind] ? (
          <NumberInput
            label={SLIPPAGE_VALUE[s.kind]}
            value={s.value}
            onChange={(v) => onChange((f) => ({ ...f, slippage: { ...f.slippage, value: asNumber(v) } }))}
            min={0}
            decimalScale={6}
            error={errors.slippage}
          />
        ) : (
          <Text size="xs" c="dimmed" mt={28}>
            Fills at the bar's price
          </Text>
        )}
        {z && (
          <Select
            label="Position sizing"
            data={SIZING_KINDS.map((k) => ({ value: k, label: SIZING_LABELS[k] }))}
            value={z.kind}
            onChange={(k) => k && onChange((f) => ({ ...f, sizing: { ...f.sizing!, kind: k as typeof z.kind } }))}
            allowDeselect={false}
          />
        )}
        {z && (
          <NumberInput
            label={SIZING_VALUE[z.kind]}
            value={z.value}
            onChange={(v) => onChange((f) => ({ ...f, sizing: { ...f.sizing!, value: asNumber(v) } }))}
            min={0}
            decimalScale={6}
            error={errors.sizing}
          />
        )}
      </SimpleGrid>
      {tickSize !== null && (
        <Checkbox
          size="xs"
          label={`Round prices to the instrument's tick (${tickSize})`}
          description="Leave off for split- or dividend-adjusted history"
          checked={form.roundToTick}
          onChange={(e) => {
            const roundToTick = e.currentTarget.checked;
            onChange((f) => ({ ...f, roundToTick }));
          }}
        />
      )}
    </Stack>
  );
}
