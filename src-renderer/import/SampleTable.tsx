import { Badge, Group, ScrollArea, Table, Text } from '@mantine/core';
import type { Detection } from '../../src-shared/domain/import.ts';
import { rolesOfColumn, type Role } from './draft.ts';
import { ROLE_LABELS } from './labels.ts';

const MAX_ROWS = 12;

/** The first rows of the file as the detector split them, each column tagged with its role. */
export function SampleTable({ detection, mapping }: { detection: Detection; mapping: Record<Role, number | null> }) {
  const width = Math.max(detection.columns.length, ...detection.sampleRows.map((row) => row.length));
  const columns = Array.from({ length: width }, (_, i) => detection.columns[i] ?? `column ${i + 1}`);
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table striped withTableBorder withColumnBorders fz="xs" ff="monospace" aria-label="Sample rows">
        <Table.Thead>
          <Table.Tr>
            {columns.map((name, i) => (
              <Table.Th key={i} style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                <Text size="xs" fw={700} ff="monospace">
                  {name}
                </Text>
                <Group gap={2} mt={2}>
                  {rolesOfColumn(mapping, i).map((role) => (
                    <Badge key={role} size="xs" variant="light">
                      {ROLE_LABELS[role]}
                    </Badge>
                  ))}
                </Group>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detection.sampleRows.slice(0, MAX_ROWS).map((row, r) => (
            <Table.Tr key={r}>
              {columns.map((_, c) => (
                <Table.Td key={c} style={{ whiteSpace: 'nowrap' }}>
                  {row[c] ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {detection.sampleRows.length === 0 && (
        <Text size="sm" c="dimmed" p="xs">
          No data rows were found in the first lines of the file.
        </Text>
      )}
    </ScrollArea>
  );
}
