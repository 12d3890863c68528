import { ScrollArea, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { PortfolioRunDetail } from '../../../../src-shared/contract/portfolio.contract.ts';
import { formatBarTime } from '../../../ui/format.ts';
import { formatMoney, formatPercent, formatPlain } from '../format.ts';

/** Weights as plain percents (no sign): they are shares, not changes. */
const share = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The rebalances (targets against what was held), the fills by symbol, final positions and refusals. */
export function PortfolioTables({ run }: { run: PortfolioRunDetail }) {
  const [symbol, setSymbol] = useState<string | null>(null);
  const fills = symbol ? run.fills.filter((f) => f.symbol === symbol) : run.fills;
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" fw={500} mb={4}>
          Rebalances ({run.rebalances.filter((r) => !r.skipped).length} ran, {run.rebalances.filter((r) => r.skipped).length} skipped by the drift threshold)
        </Text>
        <ScrollArea.Autosize mah={260} type="auto">
          <Table stickyHeader fz="xs" verticalSpacing={2} aria-label="Rebalances">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Decided at close of</Table.Th>
                {run.symbols.map((s) => (
                  <Table.Th key={s} ta="right">
                    {s} held → target
                  </Table.Th>
                ))}
                <Table.Th ta="right">Max drift</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.rebalances.map((r) => (
                <Table.Tr key={r.barIndex} c={r.skipped ? 'dimmed' : undefined}>
                  <Table.Td>{formatBarTime(r.time, run.timeframe)}</Table.Td>
                  {run.symbols.map((s, k) => (
                    <Table.Td key={s} ta="right" ff="monospace">
                      {share(r.before[k] ?? 0)} → {share(r.targets[k] ?? 0)}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{share(r.maxDrift)}</Table.Td>
                  <Table.Td>{r.skipped ? 'skipped' : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </div>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <div>
          <Select
            size="xs"
            w={200}
            mb={4}
            label={`Fills (${fills.length})`}
            placeholder="All instruments"
            data={run.symbols}
            value={symbol}
            onChange={setSymbol}
            clearable
          />
          <ScrollArea.Autosize mah={300} type="auto">
            <Table stickyHeader fz="xs" verticalSpacing={2} aria-label="Portfolio fills">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Symbol</Table.Th>
                  <Table.Th>Side</Table.Th>
                  <Table.Th ta="right">Qty (asked)</Table.Th>
                  <Table.Th ta="right">Price</Table.Th>
                  <Table.Th ta="right">Commission</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fills.map((f, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{formatBarTime(f.time, run.timeframe)}</Table.Td>
                    <Table.Td>{f.symbol}</Table.Td>
                    <Table.Td c={f.side === 'BUY' ? 'teal' : 'red'}>{f.side}</Table.Td>
                    <Table.Td ta="right">
                      {formatPlain(f.qty)}
                      {f.requested !== f.qty ? ` (${formatPlain(f.requested)})` : ''}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {formatPlain(f.price)}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(f.commission)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </div>
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4}>
              Positions at the end
            </Text>
            <Table fz="xs" verticalSpacing={2} aria-label="Final positions">
              <Table.Tbody>
                {run.positions.map((p) => (
                  <Table.Tr key={p.symbol}>
                    <Table.Td>{p.symbol}</Table.Td>
                    <Table.Td ta="right">{formatPlain(p.qty)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(p.value)}</Table.Td>
                    <Table.Td ta="right">{share(p.weight)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt={4}>
              Turnover {run.turnover === null ? '—' : run.turnover.toFixed(2)} × mean equity · commission {formatMoney(run.totalCommission)} · benchmark
              weights {run.benchmarkTargets.map((w, k) => `${run.symbols[k]} ${share(w)}`).join(', ')} · engine {run.engineVersion}
            </Text>
          </div>
          <div>
            <Text size="sm" fw={500} mb={4}>
              Orders not filled ({run.rejections.length})
            </Text>
            {run.rejections.slice(0, 50).map((r, i) => (
              <Text key={i} size="xs">
                {formatBarTime(r.time, run.timeframe)} {r.symbol} {r.side} {formatPlain(r.requested)}: {r.reason}
              </Text>
            ))}
            {run.rejections.length === 0 && (
              <Text size="xs" c="dimmed">
                Every order filled. Total return {formatPercent(run.totalReturn)}.
              </Text>
            )}
          </div>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
