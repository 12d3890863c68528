import { Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Text } from '@mantine/core';
import type { StrategyDescriptor } from '../../../../src-shared/contract/backtest.contract.ts';
import type { IndicatorParam } from '../../../../src-shared/domain/indicator.ts';
import { formatCount } from '../../../ui/format.ts';
import type { SetupErrors } from '../../backtest/setup/setup-form.ts';
import { axisSize, defaultRange, type OptimizeForm, type RangeForm } from './optimize-form.ts';

interface Props {
  strategy: StrategyDescriptor;
  ranges: OptimizeForm['ranges'];
  errors: SetupErrors;
  onChange(name: string, update: (r: RangeForm) => RangeForm): void;
}

const asNumber = (v: string | number) => (typeof v === 'number' ? v : Number.NaN);

/** One row per declared parameter: searched over min…max by step (or some choices), or held at one value. */
export function RangeFields({ strategy, ranges, errors, onChange }: Props) {
  return (
    <Stack gap={6} aria-label="Parameter ranges">
      {strategy.params.map((p) => (
        <RangeRow key={p.name} param={p} range={ranges[p.name] ?? defaultRange(p, false)} error={errors[`range.${p.name}`]} onChange={(u) => onChange(p.name, u)} />
      ))}
      {errors.ranges && (
        <Text size="xs" c="red">
          {errors.ranges}
        </Text>
      )}
    </Stack>
  );
}

function RangeRow({ param, range, error, onChange }: { param: IndicatorParam; range: RangeForm; error: string | undefined; onChange(u: (r: RangeForm) => RangeForm): void }) {
  const count = param.type === 'choice' ? range.choices.length : axisSize(range);
  const unit = param.type === 'float' ? param.step : 1;
  const numberProps = { size: 'xs' as const, step: unit, allowDecimal: param.type === 'float', hideControls: true, w: 70 };
  return (
    <div>
      <Group gap={6} wrap="nowrap" align="flex-end">
        <Checkbox
          size="xs"
          label={param.label}
          checked={range.searched}
          onChange={(e) => {
            const searched = e.currentTarget.checked;
            onChange((r) => ({ ...r, searched }));
          }}
          aria-label={`Search ${param.name}`}
          w={110}
          styles={{ label: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } }}
        />
        {param.type === 'choice' ? (
          range.searched ? (
            <MultiSelect size="xs" data={param.choices} value={range.choices} onChange={(choices) => onChange((r) => ({ ...r, choices }))} aria-label={`${param.name} choices`} style={{ flex: 1 }} />
          ) : (
            <Select size="xs" data={param.choices} value={String(range.fixed)} onChange={(v) => v !== null && onChange((r) => ({ ...r, fixed: v }))} allowDeselect={false} aria-label={`${param.name} value`} style={{ flex: 1 }} />
          )
        ) : range.searched ? (
          <>
            <NumberInput {...numberProps} label="min" value={range.min} onChange={(v) => onChange((r) => ({ ...r, min: asNumber(v) }))} aria-label={`${param.name} min`} />
            <NumberInput {...numberProps} label="max" value={range.max} onChange={(v) => onChange((r) => ({ ...r, max: asNumber(v) }))} aria-label={`${param.name} max`} />
            <NumberInput {...numberProps} label="step" value={range.step} onChange={(v) => onChange((r) => ({ ...r, step: asNumber(v) }))} aria-label={`${param.name} step`} />
          </>
        ) : (
          <NumberInput {...numberProps} label="value" value={typeof range.fixed === 'number' ? range.fixed : ''} onChange={(v) => onChange((r) => ({ ...r, fixed: asNumber(v) }))} aria-label={`${param.name} value`} />
        )}
        {range.searched && (
          <Text size="xs" c="dimmed" ff="monospace" pb={6} style={{ whiteSpace: 'nowrap' }}>
            × {formatCount(count)}
          </Text>
        )}
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert">
          {param.name}: {error}
        </Text>
      )}
    </div>
  );
}
