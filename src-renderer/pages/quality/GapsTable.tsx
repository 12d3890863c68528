import { ScrollArea, Table, Text } from '@mantine/core';
import type { QualityReportView } from '../../../src-shared/contract/quality.contract.ts';
import { gapRows } from './quality-view.ts';

/** Runs of bars the market calendar expects but the store does not hold, oldest first. */
export function GapsTable({ gaps, timeframe }: { gaps: QualityReportView['gaps']; timeframe: string }) {
  if (gaps.length === 0) return <Text size="sm" c="dimmed">No gaps: every bar the calendar expects is stored.</Text>;
  return (
    <ScrollArea.Autosize mah={420} type="auto">
      <Table fz="xs" verticalSpacing={3} stickyHeader aria-label="Gaps">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>From</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th ta="right">Missing bars</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gapRows(gaps, timeframe).map((g, i) => (
            <Table.Tr key={i}>
              <Table.Td ff="monospace">{g.from}</Table.Td>
              <Table.Td ff="monospace">{g.to}</Table.Td>
              <Table.Td ff="monospace" ta="right">{g.missing}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
