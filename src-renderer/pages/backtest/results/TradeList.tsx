import { Group, NumberInput, ScrollArea, SegmentedControl, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import { formatBarTime } from '../../../ui/format.ts';
import { formatMoney, formatPercent, formatPlain, signColor } from '../format.ts';
import { ALL_TRADES, filterTrades, type TradeFilter, type TradeSort, type TradeSortKey } from './trade-filter.ts';

interface Props {
  trades: readonly Trade[];
  timeframe: string;
  selectedId: number | null;
  onSelect(trade: Trade): void;
}

const COLUMNS: readonly { key: TradeSortKey | null; label: string; right?: boolean }[] = [
  { key: 'id', label: '#' },
  { key: null, label: 'Side' },
  { key: 'entryTime', label: 'Entry' },
  { key: null, label: 'Exit' },
  { key: null, label: 'Qty', right: true },
  { key: null, label: 'Entry / exit price', right: true },
  { key: 'pnl', label: 'P&L', right: true },
  { key: 'returnPct', label: 'Return', right: true },
  { key: 'barsHeld', label: 'Bars', right: true },
  { key: 'mae', label: 'MAE', right: true },
  { key: 'mfe', label: 'MFE', right: true },
];

const percentOrNull = (v: string | number) => (typeof v === 'number' && Number.isFinite(v) ? v / 100 : null);

/** Every trade of the run, filtered and sorted; a click shows the trade on the chart above. */
export function TradeList({ trades, timeframe, selectedId, onSelect }: Props) {
  const [filter, setFilter] = useState<TradeFilter>(ALL_TRADES);
  const [sort, setSort] = useState<TradeSort>({ key: 'id', descending: false });
  const shown = useMemo(() => filterTrades(trades, filter, sort), [trades, filter, sort]);
  const sortBy = (key: TradeSortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'id' && key !== 'entryTime' }));

  return (
    <>
      <Group gap="sm" mb="xs" wrap="wrap" aria-label="Trade filters">
        <SegmentedControl
          size="xs"
          value={filter.direction}
          onChange={(v) => setFilter((f) => ({ ...f, direction: v as TradeFilter['direction'] }))}
          data={[
            { value: 'all', label: 'Long & short' },
            { value: 'long', label: 'Long' },
            { value: 'short', label: 'Short' },
          ]}
          aria-label="Direction"
        />
        <SegmentedControl
          size="xs"
          value={filter.outcome}
          onChange={(v) => setFilter((f) => ({ ...f, outcome: v as TradeFilter['outcome'] }))}
          data={[
            { value: 'all', label: 'All' },
            { value: 'win', label: 'Wins' },
            { value: 'loss', label: 'Losses' },
          ]}
          aria-label="Outcome"
        />
        <NumberInput size="xs" w={120} placeholder="Min return %" aria-label="Minimum return %" onChange={(v) => setFilter((f) => ({ ...f, minReturn: percentOrNull(v) }))} />
        <NumberInput size="xs" w={120} placeholder="Max return %" aria-label="Maximum return %" onChange={(v) => setFilter((f) => ({ ...f, maxReturn: percentOrNull(v) }))} />
        <Text size="xs" c="dimmed" data-testid="trade-count">
          {shown.length} of {trades.length} trades
        </Text>
      </Group>
      <ScrollArea.Autosize mah={340} type="auto">
        <Table stickyHeader highlightOnHover verticalSpacing={3} fz="xs" aria-label="Trades">
          <Table.Thead>
            <Table.Tr>
              {COLUMNS.map((c) => (
                <Table.Th key={c.label} ta={c.right ? 'right' : undefined}>
                  {c.key ? (
                    <UnstyledButton onClick={() => sortBy(c.key!)} fz="xs" fw={700} aria-label={`Sort by ${c.label}`}>
                      <Group gap={2} wrap="nowrap" justify={c.right ? 'flex-end' : undefined}>
                        {c.label}
                        {sort.key === c.key && (sort.descending ? <IconChevronDown size={12} /> : <IconChevronUp size={12} />)}
                      </Group>
                    </UnstyledButton>
                  ) : (
                    c.label
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((t) => (
              <Table.Tr
                key={t.id}
                onClick={() => onSelect(t)}
                style={{ cursor: 'pointer' }}
                bg={t.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
                aria-selected={t.id === selectedId}
                data-trade-id={t.id}
              >
                <Table.Td>{t.id}</Table.Td>
                <Table.Td>
                  <Text span size="xs" c={t.direction === 'long' ? 'teal' : 'red'}>
                    {t.direction === 'long' ? 'Long' : 'Short'}
                  </Text>
                  {t.open && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (open)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatBarTime(t.entryTime, timeframe)}</Table.Td>
                <Table.Td>{formatBarTime(t.exitTime, timeframe)}</Table.Td>
                <Table.Td ta="right">{formatPlain(t.qty)}</Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {formatPlain(t.entryPrice)} → {formatPlain(t.exitPrice)}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  <Text span size="xs" c={signColor(t.pnl)}>
                    {formatMoney(t.pnl)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatPercent(t.returnPct)}</Table.Td>
                <Table.Td ta="right">{t.barsHeld}</Table.Td>
                <Table.Td ta="right">{formatPercent(-t.mae / t.entryPrice, 1)}</Table.Td>
                <Table.Td ta="right">{formatPercent(t.mfe / t.entryPrice, 1)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </>
  );
}
