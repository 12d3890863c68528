import { Autocomplete, Stack, Textarea } from '@mantine/core';
import type { SetupErrors } from '../../backtest/setup/setup-form.ts';
import { COMMON_OBJECTIVES, type OptimizeForm } from './optimize-form.ts';

interface Props {
  form: OptimizeForm;
  errors: SetupErrors;
  onChange(update: (form: OptimizeForm) => OptimizeForm): void;
}

/** The objective (a metric picked or a formula typed) and the constraints, one expression per line. */
export function ObjectiveFields({ form, errors, onChange }: Props) {
  return (
    <Stack gap="xs">
      <Autocomplete
        label="Objective"
        description="A metric, or a formula such as cagr / maxDrawdown"
        data={COMMON_OBJECTIVES.map((o) => o.value)}
        renderOption={({ option }) => `${option.value} · ${COMMON_OBJECTIVES.find((o) => o.value === option.value)?.label ?? ''}`}
        value={form.objective}
        onChange={(objective) => onChange((f) => ({ ...f, objective }))}
        error={errors.objective}
        spellCheck={false}
      />
      <Textarea
        label="Constraints"
        description="One per line: fast < slow, tradeCount >= 30, maxDrawdown < 0.25"
        value={form.constraints}
        onChange={(e) => {
          const constraints = e.currentTarget.value;
          onChange((f) => ({ ...f, constraints }));
        }}
        autosize
        minRows={2}
        maxRows={6}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
    </Stack>
  );
}
