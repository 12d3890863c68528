import { Button, ColorInput, Group, Modal, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ChartIndicator } from '../../../../src-shared/domain/chart.ts';
import type { IndicatorDescriptor, IndicatorParams } from '../../../../src-shared/domain/indicator.ts';
import { isParamValid, ParamField } from '../../../ui/ParamField.tsx';
import { compareTimeframes, type Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { indicatorLabel } from '../layout/indicator-label.ts';
import { displayName } from '../layout/indicator-names.ts';
import { PALETTE } from '../layout/layout-model.ts';

interface Props {
  indicator: ChartIndicator | null;
  descriptor: IndicatorDescriptor | undefined;
  /** The chart's timeframe and those above it the indicator may be computed on. */
  timeframe: Timeframe | null;
  timeframes: readonly Timeframe[];
  onClose(): void;
  onApply(patch: Pick<ChartIndicator, 'config' | 'colors'>): void;
}

/** A form generated from the descriptor's typed parameters, plus a colour per output. */
export function IndicatorEditor({ indicator, descriptor, timeframe, timeframes, onClose, onApply }: Props) {
  const [params, setParams] = useState<IndicatorParams>({});
  const [colors, setColors] = useState<Record<string, string>>({});
  const [computeOn, setComputeOn] = useState<string>('chart');

  useEffect(() => {
    if (!indicator || !descriptor) return;
    setParams(Object.fromEntries(descriptor.params.map((p) => [p.name, indicator.config.params[p.name] ?? p.default])));
    setColors(Object.fromEntries(descriptor.outputs.map((o, n) => [o.id, indicator.colors[o.id] ?? PALETTE[n % PALETTE.length]!])));
    setComputeOn(indicator.config.timeframe ?? 'chart');
  }, [indicator, descriptor]);

  if (!indicator || !descriptor) return null;
  const title = `Edit ${indicatorLabel(descriptor, indicator)}`;
  const higher = timeframe ? timeframes.filter((tf) => compareTimeframes(tf, timeframe) > 0) : [];
  const valid = descriptor.params.every((p) => isParamValid(p, params[p.name]));
  const apply = () => {
    if (!valid) return;
    const config = { ...indicator.config, params, timeframe: computeOn === 'chart' ? undefined : (computeOn as Timeframe) };
    onApply({ config, colors });
  };

  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {displayName(descriptor)} — {descriptor.description}
          </Text>
          {descriptor.params.length > 0 && (
            <SimpleGrid cols={2} spacing="sm">
              {descriptor.params.map((p) => (
                <ParamField key={p.name} param={p} value={params[p.name]} onChange={(v) => setParams((s) => ({ ...s, [p.name]: v }))} />
              ))}
            </SimpleGrid>
          )}
          <Select
            label="Compute on"
            description="A higher timeframe is aligned to the chart without look-ahead"
            data={[{ value: 'chart', label: `Chart timeframe${timeframe ? ` (${timeframe})` : ''}` }, ...higher.map((tf) => ({ value: tf, label: tf }))]}
            value={computeOn}
            onChange={(v) => setComputeOn(v ?? 'chart')}
            allowDeselect={false}
          />
          <SimpleGrid cols={2} spacing="sm">
            {descriptor.outputs.map((o) => (
              <ColorInput
                key={o.id}
                label={`${o.label} colour`}
                value={colors[o.id] ?? ''}
                onChange={(c) => setColors((s) => ({ ...s, [o.id]: c }))}
                format="hex"
                swatches={PALETTE}
                swatchesPerRow={10}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!valid}>
              Apply
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
