import { ActionIcon, Badge, Checkbox, Group, Pagination, ScrollArea, Switch, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconFlask } from '@tabler/icons-react';
import { useState } from 'react';
import type { OptimizationDetail, ResultRow } from '../../../../src-shared/contract/optimize.contract.ts';
import { useQuery } from '../../../client/hooks.ts';
import { formatCount } from '../../../ui/format.ts';
import { formatObjective, formatMetric, RESULT_METRICS } from './result-columns.ts';

const PAGE_SIZE = 50;

interface Props {
  detail: OptimizationDetail;
  chosen: readonly ResultRow[];
  onToggleChosen(row: ResultRow): void;
  onBacktest(row: ResultRow): void;
}

const rowKey = (r: Pick<ResultRow, 'window' | 'seq'>) => `${r.window}:${r.seq}`;

/**
 * Every evaluated set, sorted by the core (objective, any metric, any parameter, or the order they
 * were asked in) a page at a time, so a million-set grid reads as fast as a small one.
 */
export function ResultsTable({ detail, chosen, onToggleChosen, onBacktest }: Props) {
  const [sortBy, setSortBy] = useState('objective');
  const [descending, setDescending] = useState(true);
  const [page, setPage] = useState(1);
  const [feasibleOnly, setFeasibleOnly] = useState(false);
  const params = Object.keys(detail.setup.ranges);
  const walkForward = detail.setup.walkForward !== undefined;
  const resultsQ = useQuery(
    'optimize.results',
    { optimizationId: detail.id, sortBy, descending, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, feasibleOnly },
    { refetchOn: ['optimize.changed'] },
  );
  const rows = resultsQ.data?.rows ?? [];
  const total = resultsQ.data?.total ?? 0;
  const chosenKeys = new Set(chosen.map(rowKey));
  const sort = (column: string) => {
    if (column === sortBy) setDescending((d) => !d);
    else {
      setSortBy(column);
      // Sorting by evaluation order or a parameter reads best ascending; metrics best first.
      setDescending(!(column === 'seq' || params.includes(column)));
    }
    setPage(1);
  };
  const header = (column: string, label: string) => (
    <Table.Th key={column} aria-sort={sortBy === column ? (descending ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => sort(column)} aria-label={`Sort by ${label}`}>
        <Group gap={2} wrap="nowrap">
          <Text size="xs" fw={600}>
            {label}
          </Text>
          {sortBy === column && (descending ? <IconArrowDown size={12} /> : <IconArrowUp size={12} />)}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Text size="xs" c="dimmed">
          {formatCount(total)} sets{feasibleOnly ? ' meeting every constraint' : ''} · tick sets to compare them
        </Text>
        <Switch size="xs" label="Feasible only" checked={feasibleOnly} onChange={(e) => (setFeasibleOnly(e.currentTarget.checked), setPage(1))} />
      </Group>
      <ScrollArea>
        <Table striped highlightOnHover fz="xs" aria-label="Evaluated sets" data-testid="results-table" data-total={total}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28} />
              {header('seq', '#')}
              {walkForward && <Table.Th>Window</Table.Th>}
              {params.map((p) => header(p, p))}
              {header('objective', `Objective (${detail.objective})`)}
              {RESULT_METRICS.map((m) => header(m.name, m.label))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={rowKey(r)} data-seq={r.seq}>
                <Table.Td>
                  <Checkbox size="xs" checked={chosenKeys.has(rowKey(r))} onChange={() => onToggleChosen(r)} aria-label={`Compare set ${r.seq}`} />
                </Table.Td>
                <Table.Td ff="monospace">{r.seq}</Table.Td>
                {walkForward && <Table.Td ff="monospace">{r.window + 1}</Table.Td>}
                {params.map((p) => (
                  <Table.Td key={p} ff="monospace">
                    {String(r.params[p] ?? '')}
                  </Table.Td>
                ))}
                <Table.Td ff="monospace" fw={600} data-column="objective">
                  {formatObjective(detail.objective, r.objective)}
                  {!r.feasible && (
                    <Tooltip label={r.error ?? `Breaks ${r.violations.join(', ')}`}>
                      <Badge ml={6} size="xs" color={r.error ? 'red' : 'gray'} variant="light">
                        {r.error ? 'failed' : 'infeasible'}
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
                {RESULT_METRICS.map((m) => (
                  <Table.Td key={m.name} ff="monospace">
                    {formatMetric(m.name, r.metrics[m.name])}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Tooltip label="Backtest this set">
                    <ActionIcon size="sm" variant="subtle" onClick={() => onBacktest(r)} aria-label={`Backtest set ${r.seq}`} disabled={r.error !== null}>
                      <IconFlask size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {total > PAGE_SIZE && <Pagination mt="xs" size="sm" total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} />}
    </div>
  );
}
