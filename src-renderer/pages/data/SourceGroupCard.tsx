import { Badge, Group, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { DEMO_SOURCE, type Instrument } from '../../../src-shared/domain/instrument.ts';
import { type SourceGroup, sourceLabel } from './group-instruments.ts';
import { InstrumentRows } from './InstrumentRows.tsx';

interface Props {
  group: SourceGroup;
  onDelete(instrument: Instrument): void;
}

/** The instruments of one data source, under a header naming the source. */
export function SourceGroupCard({ group, onDelete }: Props) {
  const demo = group.source === DEMO_SOURCE;
  const count = group.instruments.length;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={`${sourceLabel(group.source)} instruments`}>
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={4}>{sourceLabel(group.source)}</Title>
          {demo && (
            <Badge color="orange" variant="light" leftSection={<IconFlask size={12} />}>
              Demo data — generated, not real prices
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {count} {count === 1 ? 'instrument' : 'instruments'}
        </Text>
      </Group>
      <ScrollArea type="auto">
        <Table highlightOnHover verticalSpacing="xs" miw={820}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Symbol</Table.Th>
              <Table.Th>Venue</Table.Th>
              <Table.Th>Asset class</Table.Th>
              <Table.Th>Currency</Table.Th>
              <Table.Th>Timeframe</Table.Th>
              <Table.Th ta="right">Bars</Table.Th>
              <Table.Th>First bar</Table.Th>
              <Table.Th>Last bar</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.instruments.map((instrument) => (
              <InstrumentRows key={instrument.id} instrument={instrument} onDelete={onDelete} />
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
