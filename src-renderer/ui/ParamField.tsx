import { NumberInput, Select } from '@mantine/core';
import type { IndicatorParam } from '../../src-shared/domain/indicator.ts';

/** Whether a value fits a declared parameter (type, integer-ness, range, or one of the choices). */
export function isParamValid(param: IndicatorParam, value: number | string | undefined): boolean {
  if (param.type === 'choice') return typeof value === 'string' && param.choices.includes(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (param.type === 'int' && !Number.isInteger(value)) return false;
  return value >= param.min && value <= param.max;
}

/** One input generated from a typed parameter declaration (indicators and strategies share it). */
export function ParamField({ param, value, onChange }: { param: IndicatorParam; value: number | string | undefined; onChange(v: number | string): void }) {
  if (param.type === 'choice') {
    return (
      <Select
        label={param.label}
        data={param.choices}
        value={typeof value === 'string' ? value : param.default}
        onChange={(v) => v !== null && onChange(v)}
        allowDeselect={false}
      />
    );
  }
  const range = `${param.min} – ${param.max}`;
  return (
    <NumberInput
      label={param.label}
      description={range}
      value={typeof value === 'number' ? value : ''}
      onChange={(v) => onChange(typeof v === 'number' ? v : Number.NaN)}
      min={param.min}
      max={param.max}
      step={param.type === 'float' ? param.step : 1}
      allowDecimal={param.type === 'float'}
      clampBehavior="blur"
      error={typeof value === 'number' && !isParamValid(param, value) ? `Between ${range}` : undefined}
    />
  );
}
