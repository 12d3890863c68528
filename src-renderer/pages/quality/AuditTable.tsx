import { ScrollArea, Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../../src-shared/contract/quality.contract.ts';
import { formatBarTime, formatLocalTime } from '../../ui/format.ts';
import { auditChange } from './quality-view.ts';

/** Every change to the stored bars: when, what was done to which bar, from what to what, and why. */
export function AuditTable({ audit, timeframe }: { audit: readonly AuditEntry[]; timeframe: string }) {
  if (audit.length === 0) return <Text size="sm" c="dimmed">No change to these bars has been made yet.</Text>;
  return (
    <ScrollArea.Autosize mah={420} type="auto">
      <Table fz="xs" verticalSpacing={3} stickyHeader aria-label="Audit trail">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Bar</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Before → after</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {audit.map((e) => {
            const change = auditChange(e);
            return (
              <Table.Tr key={e.auditId} data-action={e.action}>
                <Table.Td>{formatLocalTime(e.at)}</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td ff="monospace">{formatBarTime(e.time, timeframe)}</Table.Td>
                <Table.Td>{e.source}</Table.Td>
                <Table.Td ff="monospace">
                  {change.before} → {change.after}
                </Table.Td>
                <Table.Td>{e.reason}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
