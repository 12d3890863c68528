import { Badge, Button, Group, ScrollArea, Table, Text, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { QuarantinedBar } from '../../../src-shared/contract/quality.contract.ts';
import { useClient } from '../../client/hooks.ts';
import { formatBarTime, formatLocalTime } from '../../ui/format.ts';
import { formatOhlcv, sortQuarantine } from './quality-view.ts';

const STATUS_COLOR: Record<QuarantinedBar['status'], string> = { held: 'orange', accepted: 'teal', discarded: 'gray' };

/**
 * Bars held out of the store. Accept stores a bar as it is (a real move the rules doubted);
 * Discard drops it for good. Either is written to the audit trail; the report reloads on
 * `quality.changed`.
 */
export function QuarantineTable({ bars, timeframe }: { bars: readonly QuarantinedBar[]; timeframe: string }) {
  const client = useClient();
  const [deciding, setDeciding] = useState<number | null>(null);
  const sorted = useMemo(() => sortQuarantine(bars), [bars]);
  if (bars.length === 0) return <Text size="sm" c="dimmed">Nothing is quarantined.</Text>;
  const decide = (quarantineId: number, action: 'accept' | 'discard') => {
    setDeciding(quarantineId);
    client.call('quality.decide', { quarantineId, action }).catch(() => undefined).finally(() => setDeciding(null));
  };
  return (
    <ScrollArea.Autosize mah={420} type="auto">
      <Table fz="xs" verticalSpacing={3} stickyHeader aria-label="Quarantine">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Bar</Table.Th>
            <Table.Th>Values</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((b) => (
            <Table.Tr key={b.quarantineId} data-quarantine-id={b.quarantineId} data-status={b.status}>
              <Table.Td ff="monospace">{formatBarTime(b.time, timeframe)}</Table.Td>
              <Table.Td ff="monospace">{formatOhlcv([b.open, b.high, b.low, b.close, b.volume])}</Table.Td>
              <Table.Td>
                <Tooltip label={b.reason} multiline maw={360}>
                  <span>{b.rule}</span>
                </Tooltip>
              </Table.Td>
              <Table.Td>{b.source}</Table.Td>
              <Table.Td>
                <Tooltip label={b.decidedAt ? `Decided ${formatLocalTime(b.decidedAt)}` : `Held since ${formatLocalTime(b.heldAt)}`}>
                  <Badge size="xs" variant="light" color={STATUS_COLOR[b.status]}>
                    {b.status}
                  </Badge>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                {b.status === 'held' && (
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <Button size="compact-xs" variant="light" color="teal" loading={deciding === b.quarantineId} onClick={() => decide(b.quarantineId, 'accept')} aria-label={`Accept bar ${b.quarantineId}`}>
                      Accept
                    </Button>
                    <Button size="compact-xs" variant="light" color="red" disabled={deciding === b.quarantineId} onClick={() => decide(b.quarantineId, 'discard')} aria-label={`Discard bar ${b.quarantineId}`}>
                      Discard
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
