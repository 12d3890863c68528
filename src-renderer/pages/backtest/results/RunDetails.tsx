import { Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { RunDetail } from '../../../../src-shared/contract/backtest.contract.ts';
import { formatBarTime, formatLocalTime } from '../../../ui/format.ts';
import { formatParams } from '../format.ts';
import { LookAheadCheck } from './LookAheadCheck.tsx';

/** How many rejected orders are listed (a run may reject thousands the same way). */
const REJECTIONS_SHOWN = 50;

function describe(value: Record<string, unknown>): string {
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** Everything that reproduces the run, and the orders the account refused with their reasons. */
export function RunDetails({ run }: { run: RunDetail }) {
  const s = run.settings;
  const rows: [string, string][] = [
    ['Run', run.id],
    ['Created', formatLocalTime(run.createdAt)],
    ['Re-run of', run.rerunOf ?? '—'],
    ['Strategy', `${run.strategyId} v${run.strategyVersion} · ${formatParams(run.params)}`],
    ['Strategy hash', run.strategyHash],
    ['Data', `${run.symbol} ${run.timeframe}, ${formatBarTime(run.fromTime, run.timeframe)} → ${formatBarTime(run.toTime, run.timeframe)}, ${run.bars} bars`],
    ['Data fingerprint', run.dataFingerprint],
    ['Engine', run.engineVersion],
    ['Result hash', run.resultHash],
    ['Cash', String(s.initialCash)],
    ['Commission', describe(s.commission)],
    ['Slippage', describe(s.slippage)],
    ['Sizing', describe(s.sizing)],
    ['Tick / lot', `${s.tickSize} / ${s.lotSize}`],
    ['Short financing', `${s.shortFinancingRate} per year`],
    ['Calendar', `${run.calendar} (${run.metrics.periodsPerYear} bars per year)`],
  ];
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Table fz="xs" verticalSpacing={3} aria-label="What reproduces this run">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td c="dimmed" w={140}>
                {k}
              </Table.Td>
              <Table.Td>
                <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                  {v}
                </Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={4}>
        <LookAheadCheck run={run} />
        <Text size="sm" fw={500} mt="sm">
          Rejected orders ({run.rejections.length})
        </Text>
        {run.rejections.length === 0 ? (
          <Text size="xs" c="dimmed">
            The account could pay for every order.
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={2}>
            <Table.Tbody>
              {run.rejections.slice(0, REJECTIONS_SHOWN).map((r) => (
                <Table.Tr key={`${r.orderId}-${r.barIndex}`}>
                  <Table.Td>{formatBarTime(r.time, run.timeframe)}</Table.Td>
                  <Table.Td>#{r.orderId}</Table.Td>
                  <Table.Td>{r.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {run.rejections.length > REJECTIONS_SHOWN && (
          <Text size="xs" c="dimmed">
            and {run.rejections.length - REJECTIONS_SHOWN} more
          </Text>
        )}
      </Stack>
    </SimpleGrid>
  );
}
