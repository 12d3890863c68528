import { Checkbox, Divider, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo } from 'react';
import type { StrategyDescriptor } from '../../../../src-shared/contract/backtest.contract.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import { useClient } from '../../../client/hooks.ts';
import { formatCount } from '../../../ui/format.ts';
import { CostFields } from '../../backtest/setup/CostFields.tsx';
import { DataFields } from '../../backtest/setup/DataFields.tsx';
import { useStartRun } from '../../backtest/setup/use-start-run.ts';
import { ObjectiveFields } from './ObjectiveFields.tsx';
import { gridSize, METHODS, rangesFor, toOptimizeInput, type Method, type OptimizeForm, type RangeForm } from './optimize-form.ts';
import { PresetMenu } from './PresetMenu.tsx';
import { RangeFields } from './RangeFields.tsx';
import { SetupEstimate } from './SetupEstimate.tsx';
import { useSetupCheck } from './use-setup-check.ts';
import { SetupFooter } from '../../backtest/setup/SetupFooter.tsx';

interface Props {
  strategies: readonly StrategyDescriptor[];
  instruments: readonly Instrument[];
  form: OptimizeForm;
  onChange(update: (form: OptimizeForm) => OptimizeForm): void;
  onStarted(optimizationId: string, jobId: string): void;
}

const METHOD_LABELS: Record<Method, string> = { grid: 'Grid', random: 'Random', genetic: 'Genetic' };
const asNumber = (v: string | number) => (typeof v === 'number' ? v : Number.NaN);

/**
 * What to search and how: the strategy's parameters as ranges, the data, the method, the objective
 * and constraints, walk-forward windows and costs. The core checks the setup as it is typed and
 * shows its size, memory and time before anything starts.
 */
export function OptimizeSetup({ strategies, instruments, form, onChange, onStarted }: Props) {
  const client = useClient();
  const strategy = strategies.find((s) => s.id === form.strategyId);
  const instrument = instruments.find((i) => i.id === form.instrumentId);

  useEffect(() => {
    const first = strategies[0];
    if (!strategy && first) onChange((f) => ({ ...f, strategyId: first.id, ranges: rangesFor(first, {}) }));
    else if (strategy && strategy.params.some((p) => !form.ranges[p.name])) onChange((f) => ({ ...f, ranges: rangesFor(strategy, f.ranges) }));
  }, [strategy, strategies, form.ranges, onChange]);

  const local = useMemo(() => toOptimizeInput(form, strategy, instrument), [form, strategy, instrument]);
  const { check, failure: checkFailure, checking } = useSetupCheck(local.input);
  const start = useCallback(
    (input: NonNullable<typeof local.input>) => client.call('optimize.start', input).then((r) => ({ runId: r.optimizationId, jobId: r.jobId })),
    [client],
  );
  const { errors, failure, starting, formProps } = useStartRun(() => toOptimizeInput(form, strategy, instrument), start, onStarted);
  const setRange = useCallback((name: string, update: (r: RangeForm) => RangeForm) => onChange((f) => ({ ...f, ranges: { ...f.ranges, [name]: update(f.ranges[name]!) } })), [onChange]);
  const wf = form.walkForward;

  return (
    <form {...formProps} aria-label="Optimization setup">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-end">
          <Select
            label="Strategy"
            data={strategies.map((s) => ({ value: s.id, label: `${s.name}${s.origin === 'user' ? ' (yours)' : ''}` }))}
            value={form.strategyId}
            onChange={(id) => {
              const next = strategies.find((s) => s.id === id);
              if (next) onChange((f) => ({ ...f, strategyId: next.id, ranges: rangesFor(next, {}) }));
            }}
            allowDeselect={false}
            searchable
            error={errors.strategyId}
            style={{ flex: 1 }}
          />
          <PresetMenu form={form} onChange={onChange} />
        </Group>
        {strategy && <RangeFields strategy={strategy} ranges={form.ranges} errors={errors} onChange={setRange} />}
        {strategy && (
          <Text size="xs" c="dimmed">
            {formatCount(gridSize(form, strategy))} sets in the grid before constraints
          </Text>
        )}
        <Divider label="Data" labelPosition="left" />
        <DataFields instruments={instruments} form={form} errors={errors} onChange={onChange} />
        <Divider label="Search" labelPosition="left" />
        <SegmentedControl
          size="xs"
          value={form.method}
          onChange={(m) => onChange((f) => ({ ...f, method: m as Method }))}
          data={METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
          aria-label="Method"
        />
        <SimpleGrid cols={2} spacing="xs">
          <NumberInput label="Budget (evaluations)" value={form.budget} onChange={(v) => onChange((f) => ({ ...f, budget: asNumber(v) }))} min={1} disabled={form.method === 'grid'} thousandSeparator="," error={errors.budget} />
          <NumberInput label="Seed" value={form.seed} onChange={(v) => onChange((f) => ({ ...f, seed: asNumber(v) }))} min={0} error={errors.seed} />
        </SimpleGrid>
        <ObjectiveFields form={form} errors={errors} onChange={onChange} />
        <Checkbox
          label="Walk-forward analysis"
          checked={wf.enabled}
          onChange={(e) => {
            const enabled = e.currentTarget.checked;
            onChange((f) => ({ ...f, walkForward: { ...f.walkForward, enabled } }));
          }}
        />
        {wf.enabled && (
          <SimpleGrid cols={3} spacing="xs">
            <NumberInput label="In-sample bars" value={wf.inSample} min={2} onChange={(v) => onChange((f) => ({ ...f, walkForward: { ...f.walkForward, inSample: asNumber(v) } }))} error={errors.inSample} />
            <NumberInput label="Out-of-sample" value={wf.outOfSample} min={1} onChange={(v) => onChange((f) => ({ ...f, walkForward: { ...f.walkForward, outOfSample: asNumber(v) } }))} error={errors.outOfSample} />
            <Checkbox
              label="Anchored"
              mt={28}
              checked={wf.anchored}
              onChange={(e) => {
                const anchored = e.currentTarget.checked;
                onChange((f) => ({ ...f, walkForward: { ...f.walkForward, anchored } }));
              }}
            />
          </SimpleGrid>
        )}
        <Divider label="Account and costs" labelPosition="left" />
        <CostFields form={form} tickSize={instrument?.tickSize ?? null} errors={errors} onChange={onChange} />
        <SetupEstimate check={check} failure={checkFailure} checking={checking} />
        <SetupFooter failure={failure} failureTitle="The optimization did not start" failureTestId="setup-failure" action="Optimize" starting={starting} disabled={check !== null && !check.ok} />
      </Stack>
    </form>
  );
}
