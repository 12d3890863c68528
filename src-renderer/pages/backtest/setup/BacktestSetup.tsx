import { Alert, Button, Divider, Group, Kbd, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import type { StrategyDescriptor } from '../../../../src-shared/contract/backtest.contract.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { useClient } from '../../../client/hooks.ts';
import { ParamField } from '../../../ui/ParamField.tsx';
import { formatCount } from '../../../ui/format.ts';
import { groupBySource } from '../../data/group-instruments.ts';
import { CostFields } from './CostFields.tsx';
import { useStartRun } from './use-start-run.ts';
import { defaultParams, formatDay, toStartInput, type SetupForm } from './setup-form.ts';

/** Imported instruments before the demo ones, as the chart opens them. */
function defaultInstrument(instruments: readonly Instrument[]): Instrument | undefined {
  return groupBySource(instruments).flatMap((g) => g.instruments).find((i) => i.series.some((s) => s.count > 0));
}

interface Props {
  strategies: readonly StrategyDescriptor[];
  instruments: readonly Instrument[];
  form: SetupForm;
  onChange(update: (form: SetupForm) => SetupForm): void;
  onStarted(runId: string, jobId: string): void;
}

/**
 * Everything a run needs, with the parameters generated from the strategy's declaration. Checked
 * here field by field before anything starts; the core checks again and its reason is shown too.
 */
export function BacktestSetup({ strategies, instruments, form, onChange, onStarted }: Props) {
  const client = useClient();
  const strategy = strategies.find((s) => s.id === form.strategyId);
  const instrument = instruments.find((i) => i.id === form.instrumentId);
  const series = useMemo(() => instrument?.series.filter((s) => s.count > 0) ?? [], [instrument]);
  const chosenSeries = series.find((s) => s.timeframe === form.timeframe);

  // A strategy or instrument chosen for the first time brings its defaults.
  useEffect(() => {
    if (!strategy && strategies[0]) onChange((f) => ({ ...f, strategyId: strategies[0]!.id, params: defaultParams(strategies[0]!) }));
  }, [strategy, strategies, onChange]);
  useEffect(() => {
    const first = defaultInstrument(instruments);
    if (!instrument && first) onChange((f) => ({ ...f, instrumentId: first.id, timeframe: null }));
  }, [instrument, instruments, onChange]);
  useEffect(() => {
    if (instrument && !chosenSeries && series[0]) onChange((f) => ({ ...f, timeframe: series[0]!.timeframe as Timeframe }));
  }, [instrument, chosenSeries, series, onChange]);

  const { errors, failure, starting, formProps } = useStartRun(() => toStartInput(form, strategy, instrument), (input) => client.call('backtest.start', input), onStarted);

  return (
    <form {...formProps} aria-label="Backtest setup">
      <Stack gap="sm">
        <Select
          label="Strategy"
          data={strategies.map((s) => ({ value: s.id, label: `${s.name}${s.origin === 'user' ? ' (yours)' : ''}` }))}
          value={form.strategyId}
          onChange={(id) => {
            const next = strategies.find((s) => s.id === id);
            if (next) onChange((f) => ({ ...f, strategyId: next.id, params: defaultParams(next) }));
          }}
          allowDeselect={false}
          searchable
          error={errors.strategyId}
        />
        {strategy && (
          <Text size="xs" c="dimmed">
            {strategy.description} · v{strategy.version}
          </Text>
        )}
        {strategy && strategy.params.length > 0 && (
          <SimpleGrid cols={2} spacing="xs" aria-label="Strategy parameters">
            {strategy.params.map((p) => (
              <ParamField
                key={p.name}
                param={p}
                value={form.params[p.name]}
                onChange={(v) => onChange((f) => ({ ...f, params: { ...f.params, [p.name]: v } }))}
              />
            ))}
          </SimpleGrid>
        )}
        <Divider label="Data" labelPosition="left" />
        <SimpleGrid cols={2} spacing="xs">
          <Select
            label="Instrument"
            placeholder="Symbol"
            data={instruments.filter((i) => i.series.some((s) => s.count > 0)).map((i) => ({ value: String(i.id), label: i.venue ? `${i.symbol} · ${i.venue}` : i.symbol }))}
            value={form.instrumentId === null ? null : String(form.instrumentId)}
            onChange={(id) => onChange((f) => ({ ...f, instrumentId: id === null ? null : Number(id) }))}
            searchable
            allowDeselect={false}
            error={errors.instrumentId}
          />
          <Select
            label="Timeframe"
            data={series.map((s) => ({ value: s.timeframe, label: `${s.timeframe} (${formatCount(s.count)} bars)` }))}
            value={form.timeframe}
            onChange={(tf) => onChange((f) => ({ ...f, timeframe: tf as Timeframe | null }))}
            allowDeselect={false}
            error={errors.timeframe}
          />
          <TextInput
            label="From"
            placeholder={chosenSeries?.first != null ? formatDay(chosenSeries.first) : 'YYYY-MM-DD'}
            value={form.from}
            onChange={(e) => onChange((f) => ({ ...f, from: e.currentTarget.value }))}
            error={errors.from}
          />
          <TextInput
            label="To"
            placeholder={chosenSeries?.last != null ? formatDay(chosenSeries.last) : 'YYYY-MM-DD'}
            value={form.to}
            onChange={(e) => onChange((f) => ({ ...f, to: e.currentTarget.value }))}
            error={errors.to}
          />
        </SimpleGrid>
        <Divider label="Account and costs" labelPosition="left" />
        <CostFields form={form} tickSize={instrument?.tickSize ?? null} errors={errors} onChange={onChange} />
        {failure && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The backtest did not start" data-testid="setup-failure">
            {failure}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> runs
          </Text>
          <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={starting}>
            Run backtest
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
