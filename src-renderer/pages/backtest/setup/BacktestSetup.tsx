import { Divider, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import type { StrategyDescriptor } from '../../../../src-shared/contract/backtest.contract.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import { useClient } from '../../../client/hooks.ts';
import { ParamField } from '../../../ui/ParamField.tsx';
import { CostFields } from './CostFields.tsx';
import { DataFields } from './DataFields.tsx';
import { useStartRun } from './use-start-run.ts';
import { defaultParams, toStartInput, type SetupForm } from './setup-form.ts';
import { SetupFooter } from './SetupFooter.tsx';

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

  // A strategy or instrument chosen for the first time brings its defaults.
  useEffect(() => {
    if (!strategy && strategies[0]) onChange((f) => ({ ...f, strategyId: strategies[0]!.id, params: defaultParams(strategies[0]!) }));
  }, [strategy, strategies, onChange]);

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
        <DataFields instruments={instruments} form={form} errors={errors} onChange={onChange} />
        <Divider label="Account and costs" labelPosition="left" />
        <CostFields form={form} tickSize={instrument?.tickSize ?? null} errors={errors} onChange={onChange} />
        <SetupFooter failure={failure} failureTitle="The backtest did not start" failureTestId="setup-failure" action="Run backtest" starting={starting} />
      </Stack>
    </form>
  );
}
