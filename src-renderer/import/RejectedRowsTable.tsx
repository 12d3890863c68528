import { ScrollArea, Table, Text } from '@mantine/core';
import type { RejectedRow } from '../../src-shared/domain/import.ts';
import { formatCount } from '../ui/format.ts';

const SHOWN = 200;

/** The rows the import refused: line number in the file and the reason. */
export function RejectedRowsTable({ rows, total }: { rows: readonly RejectedRow[]; total: number }) {
  const shown = rows.slice(0, SHOWN);
  const more = total - shown.length;
  return (
    <div>
      <Text fw={600} mb={4}>
        Rejected rows
      </Text>
      <ScrollArea.Autosize mah={260} type="auto">
        <Table striped withTableBorder fz="sm" aria-label="Rejected rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Row</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td ff="monospace">{row.row}</Table.Td>
                <Table.Td>{row.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {more > 0 && (
        <Text size="sm" c="dimmed" mt={4}>
          +{formatCount(more)} more
        </Text>
      )}
    </div>
  );
}
