import { Alert, Badge, Button, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAdjustments, IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { useEvent, useQuery } from '../../client/hooks.ts';
import { PlotCard } from '../../ui/plot/PlotCard.tsx';
import { useStoredState } from '../../ui/use-stored-state.ts';
import { formatCount } from '../../ui/format.ts';
import { AuditTable } from './AuditTable.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { GapsTable } from './GapsTable.tsx';
import { PeriodScorePlot } from './PeriodScorePlot.tsx';
import { QualityActions } from './QualityActions.tsx';
import { QuarantineTable } from './QuarantineTable.tsx';
import { parseSeriesKey, periodBars, seriesOptions } from './quality-view.ts';
import { RulesDrawer } from './RulesDrawer.tsx';
import { ScoreCard } from './ScoreCard.tsx';

/**
 * How trustworthy a stored series is: its score over time, the gaps against its market calendar,
 * what the rules found, the bars held in quarantine (accept or discard each) and every change
 * made to the bars. Reloads when the core says the series' quality changed.
 */
export function QualityPage() {
  const instrumentsQ = useQuery('instruments.list', {}, { refetchOn: ['instruments.changed'] });
  const [choice, setChoice] = useStoredState<{ series: string | null }>('candlewick.quality.series', { series: null });
  const [rulesOpen, setRulesOpen] = useState(false);
  const options = useMemo(() => seriesOptions(instrumentsQ.data ?? []), [instrumentsQ.data]);
  // A remembered series that no longer exists falls back to the first one.
  const key = options.some((o) => o.value === choice.series) ? choice.series : (options[0]?.value ?? null);
  const series = parseSeriesKey(key);
  const input = series ? { instrumentId: series.instrumentId, timeframe: series.timeframe as Timeframe } : { instrumentId: 1, timeframe: '1d' as Timeframe };
  const reportQ = useQuery('quality.report', input, { enabled: series !== null });
  useEvent('quality.changed', (changed) => {
    if (series && changed.instrumentId === series.instrumentId && changed.timeframe === series.timeframe) reportQ.refetch();
  });
  const report = series ? reportQ.data : undefined;
  const shown = report && series && report.instrumentId === series.instrumentId && report.timeframe === series.timeframe ? report : undefined;
  const symbol = instrumentsQ.data?.find((i) => i.id === series?.instrumentId)?.symbol ?? '';
  const held = shown?.quarantine.filter((b) => b.status === 'held').length ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" align="flex-end">
        <div>
          <Title order={2}>Data quality</Title>
          <Text size="sm" c="dimmed">
            Checks a stored series now: impossible values, unusual moves, gaps against its market calendar.
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          <Select
            label="Series"
            aria-label="Series"
            placeholder={instrumentsQ.data ? 'No stored bars yet' : 'Loading…'}
            data={options}
            value={key}
            onChange={(v) => setChoice(() => ({ series: v }))}
            searchable
            allowDeselect={false}
            w={340}
          />
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={reportQ.refetch} loading={reportQ.loading && !!shown} disabled={!series}>
            Check again
          </Button>
          <Button variant="default" leftSection={<IconAdjustments size={16} />} onClick={() => setRulesOpen(true)}>
            Rules
          </Button>
        </Group>
      </Group>
      {(instrumentsQ.error ?? reportQ.error) && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not check the series">
          {(instrumentsQ.error ?? reportQ.error)!.message}
        </Alert>
      )}
      {series && !shown && reportQ.loading && (
        <Center mih={160}>
          <Loader aria-label="Checking the series" />
        </Center>
      )}
      {shown && series && (
        <>
          {/* The plot shares the app's viewBox: half the width reads like the other pages' plot grids. */}
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Stack gap="md">
              <ScoreCard report={shown} />
              <QualityActions instrumentId={series.instrumentId} timeframe={series.timeframe as Timeframe} symbol={symbol} errors={shown.counts.errors} missing={shown.counts.missing} />
            </Stack>
            {shown.periods.length > 0 && (
              <PlotCard title="Quality over time" note="Score of each period, 0–100; hover a bar for its counts.">
                <PeriodScorePlot bars={periodBars(shown.periods)} />
              </PlotCard>
            )}
          </SimpleGrid>
          <Paper withBorder radius="md" p="md">
            <Tabs defaultValue="findings" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="findings">Findings {count(shown.findings.length)}</Tabs.Tab>
                <Tabs.Tab value="gaps">Gaps {count(shown.gaps.length)}</Tabs.Tab>
                <Tabs.Tab value="quarantine">Quarantine {count(held, 'orange')}</Tabs.Tab>
                <Tabs.Tab value="audit">Audit trail {count(shown.audit.length)}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="findings" pt="sm">
                <FindingsTable findings={shown.findings} timeframe={series.timeframe} />
              </Tabs.Panel>
              <Tabs.Panel value="gaps" pt="sm">
                <GapsTable gaps={shown.gaps} timeframe={series.timeframe} />
              </Tabs.Panel>
              <Tabs.Panel value="quarantine" pt="sm">
                <QuarantineTable bars={shown.quarantine} timeframe={series.timeframe} />
              </Tabs.Panel>
              <Tabs.Panel value="audit" pt="sm">
                <AuditTable audit={shown.audit} timeframe={series.timeframe} />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </>
      )}
      <RulesDrawer opened={rulesOpen} onClose={() => setRulesOpen(false)} onSaved={() => series && reportQ.refetch()} />
    </Stack>
  );
}

function count(n: number, color = 'gray') {
  return (
    <Badge size="xs" variant="light" color={n > 0 ? color : 'gray'} ml={4}>
      {formatCount(n)}
    </Badge>
  );
}
