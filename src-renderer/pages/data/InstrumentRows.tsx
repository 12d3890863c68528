import { ActionIcon, Table, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { Instrument } from '../../../src-shared/domain/instrument.ts';
import { compareTimeframes } from '../../../src-shared/domain/timeframe.ts';
import { formatBarTime, formatCount } from '../../ui/format.ts';

interface Props {
  instrument: Instrument;
  onDelete(instrument: Instrument): void;
}

/** One instrument: its fields once, then one line per stored series (timeframe, bars, first, last). */
export function InstrumentRows({ instrument, onDelete }: Props) {
  const series = [...instrument.series].sort((a, b) => compareTimeframes(a.timeframe, b.timeframe));
  const span = Math.max(1, series.length);
  const head = (
    <>
      <Table.Td rowSpan={span}>
        <Text fw={600} ff="monospace">
          {instrument.symbol}
        </Text>
      </Table.Td>
      <Table.Td rowSpan={span}>{instrument.venue || '—'}</Table.Td>
      <Table.Td rowSpan={span} tt="capitalize">
        {instrument.assetClass === 'etf' ? 'ETF' : instrument.assetClass}
      </Table.Td>
      <Table.Td rowSpan={span}>{instrument.currency}</Table.Td>
    </>
  );
  const remove = (
    <Table.Td rowSpan={span} w={48}>
      <Tooltip label={`Delete ${instrument.symbol}`}>
        <ActionIcon variant="subtle" color="red" onClick={() => onDelete(instrument)} aria-label={`Delete ${instrument.symbol}`}>
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Table.Td>
  );

  if (series.length === 0) {
    return (
      <Table.Tr>
        {head}
        <Table.Td colSpan={4}>
          <Text size="sm" c="dimmed">
            No bars stored
          </Text>
        </Table.Td>
        {remove}
      </Table.Tr>
    );
  }
  return (
    <>
      {series.map((s, i) => (
        <Table.Tr key={s.timeframe}>
          {i === 0 && head}
          <Table.Td ff="monospace">{s.timeframe}</Table.Td>
          <Table.Td ff="monospace" ta="right">
            {formatCount(s.count)}
          </Table.Td>
          <Table.Td ff="monospace">{formatBarTime(s.first, s.timeframe)}</Table.Td>
          <Table.Td ff="monospace">{formatBarTime(s.last, s.timeframe)}</Table.Td>
          {i === 0 && remove}
        </Table.Tr>
      ))}
    </>
  );
}
