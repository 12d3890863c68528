import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { formatCount } from '../../../ui/format.ts';
import { groupBySource } from '../../data/group-instruments.ts';
import { formatDay, type SetupErrors } from './setup-form.ts';

/** The data part of a one-instrument setup (backtest, optimization). */
export interface DataForm {
  instrumentId: number | null;
  timeframe: Timeframe | null;
  from: string;
  to: string;
}

interface Props<F extends DataForm> {
  instruments: readonly Instrument[];
  form: F;
  errors: SetupErrors;
  onChange(update: (form: F) => F): void;
}

/**
 * Instrument, timeframe (with its bar count) and an optional range of days. The first instrument
 * with bars (imported ones before the demo's, as the chart opens them) and its first timeframe are
 * chosen until the user picks.
 */
export function DataFields<F extends DataForm>({ instruments, form, errors, onChange }: Props<F>) {
  const instrument = instruments.find((i) => i.id === form.instrumentId);
  const series = useMemo(() => instrument?.series.filter((s) => s.count > 0) ?? [], [instrument]);
  const chosenSeries = series.find((s) => s.timeframe === form.timeframe);
  useEffect(() => {
    const first = groupBySource(instruments).flatMap((g) => g.instruments).find((i) => i.series.some((s) => s.count > 0));
    if (!instrument && first) onChange((f) => ({ ...f, instrumentId: first.id, timeframe: null }));
  }, [instrument, instruments, onChange]);
  useEffect(() => {
    if (instrument && !chosenSeries && series[0]) onChange((f) => ({ ...f, timeframe: series[0]!.timeframe as Timeframe }));
  }, [instrument, chosenSeries, series, onChange]);

  return (
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
        onChange={(e) => {
          const from = e.currentTarget.value;
          onChange((f) => ({ ...f, from }));
        }}
        error={errors.from}
      />
      <TextInput
        label="To"
        placeholder={chosenSeries?.last != null ? formatDay(chosenSeries.last) : 'YYYY-MM-DD'}
        value={form.to}
        onChange={(e) => {
          const to = e.currentTarget.value;
          onChange((f) => ({ ...f, to }));
        }}
        error={errors.to}
      />
    </SimpleGrid>
  );
}
