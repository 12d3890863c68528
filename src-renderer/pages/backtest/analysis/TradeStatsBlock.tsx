import { Table } from '@mantine/core';
import type { TradeStats } from '../../../../src-shared/domain/metrics.ts';
import { formatMoney, formatNumber } from '../format.ts';
import { PlotCard } from '../../../ui/plot/PlotCard.tsx';

/** The trade statistics of the analysis as a compact two-column table; undefined values read "—". */
export function TradeStatsBlock({ stats }: { stats: TradeStats }) {
  const rows: [string, string][] = [
    ['Trades', stats.openTradeCount > 0 ? `${stats.tradeCount} (${stats.openTradeCount} open)` : String(stats.tradeCount)],
    ['Win rate', `${stats.winRate === null ? '—' : `${(stats.winRate * 100).toFixed(1)} %`} (${stats.winCount} won, ${stats.lossCount} lost)`],
    ['Profit factor', formatNumber(stats.profitFactor)],
    ['Expectancy per trade', signedMoney(stats.expectancy)],
    ['Average win / loss', `${signedMoney(stats.averageWin)} / ${signedMoney(stats.averageLoss)}`],
    ['Payoff ratio', formatNumber(stats.payoffRatio)],
    ['Largest win / loss', `${signedMoney(stats.largestWin)} / ${signedMoney(stats.largestLoss)}`],
    ['Gross profit / loss', `${formatMoney(stats.grossProfit)} / ${formatMoney(stats.grossLoss)}`],
    ['Longest streaks', `${stats.longestWinStreak} ${plural(stats.longestWinStreak, 'win')}, ${stats.longestLossStreak} ${plural(stats.longestLossStreak, 'loss')}`],
  ];
  return (
    <PlotCard title="Trade statistics" note="Net of costs; the position still open at the end is included.">
      <Table aria-label="Trade statistics" fz="sm" verticalSpacing={4} tabularNums>
        <Table.Tbody>
          {rows.map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th scope="row" fw={400} c="dimmed">
                {name}
              </Table.Th>
              <Table.Td ta="right">{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </PlotCard>
  );
}

function signedMoney(x: number | null): string {
  return x !== null && x > 0 ? `+${formatMoney(x)}` : formatMoney(x);
}

function plural(n: number, word: string): string {
  if (n === 1) return word;
  return word.endsWith('s') ? `${word}es` : `${word}s`;
}
