import { Group, Paper, Stack, Text } from '@mantine/core';
import type { QualityReportView } from '../../../src-shared/contract/quality.contract.ts';
import { formatCount } from '../../ui/format.ts';
import { formatScore, scoreBand } from './quality-view.ts';

/** The series' score written big in its band's colour, and the counts behind it. */
export function ScoreCard({ report }: { report: QualityReportView }) {
  const band = scoreBand(report.score);
  const c = report.counts;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Quality score">
      <Group gap="xl" align="center" wrap="wrap">
        <Stack gap={0} align="center" miw={120}>
          <Text fz={48} fw={800} lh={1} c={band.color} data-testid="quality-score" data-band={band.label}>
            {formatScore(report.score)}
          </Text>
          <Text size="sm" c="dimmed">
            {band.label} · of 100
          </Text>
        </Stack>
        <Group gap="lg" wrap="wrap">
          <Count label="Bars" value={report.bars} />
          <Count label="Errors" value={c.errors} color={c.errors > 0 ? 'red' : undefined} />
          <Count label="Suspect" value={c.suspects} color={c.suspects > 0 ? 'yellow' : undefined} />
          <Count label="Missing" value={c.missing} color={c.missing > 0 ? 'orange' : undefined} />
          <Count label="Unexpected" value={c.unexpected} color={c.unexpected > 0 ? 'orange' : undefined} />
          <Count label="Quarantined" value={c.quarantined} />
        </Group>
        <Text size="xs" c="dimmed">
          Gaps judged by the {report.calendar} calendar
        </Text>
      </Group>
    </Paper>
  );
}

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text size="lg" fw={600} ff="monospace" c={color} aria-label={`${label} count`}>
        {formatCount(value)}
      </Text>
    </div>
  );
}
