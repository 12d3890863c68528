import { Badge, Group, ScrollArea, Select, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { formatBarTime, formatCount } from '../../ui/format.ts';
import { filterFindings, findingRules, formatValue, type Finding, type FindingFilter } from './quality-view.ts';

export const SEVERITY_COLOR: Record<Finding['severity'], string> = { error: 'red', suspect: 'yellow' };

/** What the rules found, bar by bar, filtered by rule and severity. */
export function FindingsTable({ findings, timeframe }: { findings: readonly Finding[]; timeframe: string }) {
  const [filter, setFilter] = useState<FindingFilter>({ rule: null, severity: null });
  const rules = useMemo(() => findingRules(findings), [findings]);
  const shown = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  if (findings.length === 0) return <Text size="sm" c="dimmed">No findings: every bar passed every rule.</Text>;
  return (
    <>
      <Group gap="xs" mb="xs" align="flex-end">
        <Select size="xs" label="Rule" aria-label="Rule" placeholder="All rules" data={rules} value={filter.rule} onChange={(rule) => setFilter((f) => ({ ...f, rule }))} clearable />
        <Select
          size="xs"
          label="Severity"
          aria-label="Severity"
          placeholder="All"
          data={['error', 'suspect']}
          value={filter.severity}
          onChange={(s) => setFilter((f) => ({ ...f, severity: s as Finding['severity'] | null }))}
          clearable
        />
        <Text size="xs" c="dimmed">
          {formatCount(shown.length)} of {formatCount(findings.length)}
        </Text>
      </Group>
      <ScrollArea.Autosize mah={420} type="auto">
        <Table fz="xs" verticalSpacing={3} stickyHeader aria-label="Findings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Severity</Table.Th>
              <Table.Th>Field</Table.Th>
              <Table.Th ta="right">Value</Table.Th>
              <Table.Th>Message</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((f, i) => (
              <Table.Tr key={`${f.time}-${f.rule}-${f.field}-${i}`} data-rule={f.rule}>
                <Table.Td ff="monospace">{formatBarTime(f.time, timeframe)}</Table.Td>
                <Table.Td>{f.rule}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={SEVERITY_COLOR[f.severity]}>
                    {f.severity}
                  </Badge>
                </Table.Td>
                <Table.Td>{f.field}</Table.Td>
                <Table.Td ff="monospace" ta="right">{formatValue(f.value)}</Table.Td>
                <Table.Td>{f.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </>
  );
}
