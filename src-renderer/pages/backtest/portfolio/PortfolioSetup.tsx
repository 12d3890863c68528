import { Divider, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { useClient } from '../../../client/hooks.ts';
import { CostFields } from '../setup/CostFields.tsx';
import { useStartRun } from '../setup/use-start-run.ts';
import { commonTimeframes, SCHEDULES, toPortfolioInput, type PortfolioForm } from './portfolio-form.ts';
import { SetupFooter } from '../setup/SetupFooter.tsx';

interface Props {
  instruments: readonly Instrument[];
  form: PortfolioForm;
  onChange(update: (form: PortfolioForm) => PortfolioForm): void;
  onStarted(runId: string, jobId: string): void;
}

const WEIGHT_LABELS = { equal: 'Equal', 'inverse-volatility': 'Inverse volatility', fixed: 'Fixed' } as const;

/** Several instruments, target weights and a rebalancing schedule, with the same costs as a strategy run. */
export function PortfolioSetup({ instruments, form, onChange, onStarted }: Props) {
  const client = useClient();
  const withBars = useMemo(() => instruments.filter((i) => i.series.some((s) => s.count > 0)), [instruments]);
  const chosen = useMemo(() => form.instrumentIds.map((id) => withBars.find((i) => i.id === id)).filter((i): i is Instrument => !!i), [form.instrumentIds, withBars]);
  const timeframes = useMemo(() => commonTimeframes(chosen), [chosen]);

  useEffect(() => {
    if (timeframes.length > 0 && (!form.timeframe || !timeframes.includes(form.timeframe))) onChange((f) => ({ ...f, timeframe: timeframes[0]! }));
  }, [timeframes, form.timeframe, onChange]);

  const { errors, failure, starting, formProps } = useStartRun(() => toPortfolioInput(form, withBars), (input) => client.call('portfolio.start', input), onStarted);

  return (
    <form {...formProps} aria-label="Portfolio setup">
      <Stack gap="sm">
        <MultiSelect
          label="Instruments"
          placeholder={chosen.length === 0 ? 'Two or more symbols' : undefined}
          data={withBars.map((i) => ({ value: String(i.id), label: i.symbol }))}
          value={form.instrumentIds.map(String)}
          onChange={(ids) => onChange((f) => ({ ...f, instrumentIds: ids.map(Number) }))}
          searchable
          maxValues={50}
          error={errors.instrumentIds}
        />
        <SimpleGrid cols={2} spacing="xs">
          <Select
            label="Timeframe"
            data={timeframes}
            value={form.timeframe}
            onChange={(tf) => onChange((f) => ({ ...f, timeframe: tf as Timeframe | null }))}
            allowDeselect={false}
            error={errors.timeframe}
          />
          <Select
            label="Rebalance"
            data={SCHEDULES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))}
            value={form.schedule}
            onChange={(s) => s && onChange((f) => ({ ...f, schedule: s as PortfolioForm['schedule'] }))}
            allowDeselect={false}
          />
          <TextInput label="From" placeholder="YYYY-MM-DD" value={form.from} onChange={(e) => onChange((f) => ({ ...f, from: e.currentTarget.value }))} error={errors.from} />
          <TextInput label="To" placeholder="YYYY-MM-DD" value={form.to} onChange={(e) => onChange((f) => ({ ...f, to: e.currentTarget.value }))} error={errors.to} />
        </SimpleGrid>
        <Divider label="Target weights" labelPosition="left" />
        <SegmentedControl
          size="xs"
          value={form.weights}
          onChange={(w) => onChange((f) => ({ ...f, weights: w as PortfolioForm['weights'] }))}
          data={Object.entries(WEIGHT_LABELS).map(([value, label]) => ({ value, label }))}
          aria-label="Target weights"
        />
        {form.weights === 'inverse-volatility' && (
          <NumberInput
            label="Volatility lookback (bars)"
            value={form.lookback}
            onChange={(v) => onChange((f) => ({ ...f, lookback: typeof v === 'number' ? v : Number.NaN }))}
            min={2}
            max={10_000}
            allowDecimal={false}
            error={errors.lookback}
          />
        )}
        {form.weights === 'fixed' && (
          <SimpleGrid cols={3} spacing="xs">
            {chosen.map((i) => (
              <NumberInput
                key={i.id}
                label={`${i.symbol} %`}
                value={form.fixed[String(i.id)] ?? 0}
                onChange={(v) => onChange((f) => ({ ...f, fixed: { ...f.fixed, [String(i.id)]: typeof v === 'number' ? v : Number.NaN } }))}
                min={0}
                max={100}
                error={errors[`fixed.${i.id}`]}
              />
            ))}
          </SimpleGrid>
        )}
        {errors.fixed && (
          <Text size="xs" c="red">
            {errors.fixed}
          </Text>
        )}
        <NumberInput
          label="Drift threshold (points)"
          description="Rebalance only when a weight is this far from its target; empty: always"
          value={Number.isFinite(form.drift) ? form.drift : ''}
          onChange={(v) => onChange((f) => ({ ...f, drift: typeof v === 'number' ? v : Number.NaN }))}
          min={0}
          max={100}
          error={errors.drift}
        />
        <Divider label="Account and costs" labelPosition="left" />
        <CostFields form={form} tickSize={chosen.length > 0 ? Math.max(...chosen.map((i) => i.tickSize)) : null} errors={errors} onChange={onChange} />
        <SetupFooter failure={failure} failureTitle="The backtest did not start" failureTestId="portfolio-failure" action="Run portfolio" starting={starting} />
      </Stack>
    </form>
  );
}
