import { Group, ScrollArea, Table, Text } from '@mantine/core';
import type { WalkForwardResult } from '../../../../src-shared/contract/optimize.contract.ts';
import { formatNumber, formatParams, formatPercent, signColor } from '../../backtest/format.ts';
import { StitchedEquityChart } from '../plots/index.ts';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Each window's in-sample best and how it did out of sample, and the out-of-sample segments stitched. */
export function WalkForwardView({ result }: { result: WalkForwardResult }) {
  return (
    <div data-testid="walk-forward">
      <Group gap="xl" mb="sm">
        <Text size="sm">
          Efficiency <b>{formatNumber(result.efficiency, 2)}</b>
        </Text>
        <Text size="sm">
          Out-of-sample return <b>{formatPercent(result.outOfSampleReturn)}</b>
        </Text>
        <Text size="sm">
          Windows <b>{result.windows.length}</b>
        </Text>
      </Group>
      <StitchedEquityChart time={result.stitched.time} equity={result.stitched.equity} starts={result.stitched.starts} />
      <ScrollArea mt="sm">
        <Table fz="xs" striped aria-label="Walk-forward windows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>In sample</Table.Th>
              <Table.Th>Out of sample</Table.Th>
              <Table.Th>Best in sample</Table.Th>
              <Table.Th>Objective</Table.Th>
              <Table.Th>IS annualized</Table.Th>
              <Table.Th>OOS annualized</Table.Th>
              <Table.Th>Efficiency</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.windows.map((w) => (
              <Table.Tr key={w.index}>
                <Table.Td>{w.index + 1}</Table.Td>
                <Table.Td ff="monospace">
                  {day(w.inSample.from)} → {day(w.inSample.to)}
                </Table.Td>
                <Table.Td ff="monospace">
                  {day(w.outOfSample.from)} → {day(w.outOfSample.to)}
                </Table.Td>
                <Table.Td ff="monospace">{formatParams(w.params)}</Table.Td>
                <Table.Td ff="monospace">{formatNumber(w.objective, 3)}</Table.Td>
                <Table.Td ff="monospace" c={signColor(w.inSampleAnnualized)}>
                  {formatPercent(w.inSampleAnnualized)}
                </Table.Td>
                <Table.Td ff="monospace" c={signColor(w.outOfSampleAnnualized)}>
                  {formatPercent(w.outOfSampleAnnualized)}
                </Table.Td>
                <Table.Td ff="monospace">{formatNumber(w.efficiency, 2)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </div>
  );
}
