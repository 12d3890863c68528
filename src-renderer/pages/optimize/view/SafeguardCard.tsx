import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { VERDICT_COLOR, VERDICT_LABEL, type Verdict } from './verdicts.ts';

/** One safeguard: its name, a verdict badge, what it means in a sentence, its figures and any plot. */
export function SafeguardCard({ title, verdict, explain, facts, children }: { title: string; verdict: Verdict; explain: string; facts: readonly [string, string][]; children?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={`safeguard-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`} data-verdict={verdict}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Badge size="sm" variant="light" color={VERDICT_COLOR[verdict]}>
          {VERDICT_LABEL[verdict]}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {explain}
      </Text>
      <Table fz="xs" withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          {facts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Td c="dimmed">{label}</Table.Td>
              <Table.Td ff="monospace" ta="right">
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {children}
    </Paper>
  );
}
