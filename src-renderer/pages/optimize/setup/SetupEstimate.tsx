import { Alert, Group, List, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import type { OptimizeCheck } from '../../../../src-shared/contract/optimize.contract.ts';
import { formatBytes, formatCount, formatDuration } from '../../../ui/format.ts';

/** What the setup will cost before it starts, and what the core finds wrong with it. */
export function SetupEstimate({ check, failure, checking }: { check: OptimizeCheck | null; failure: string | null; checking: boolean }) {
  if (failure) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Setup refused" data-testid="setup-check">
        {failure}
      </Alert>
    );
  }
  if (!check) return checking ? <Loader size="xs" aria-label="Checking the setup" /> : null;
  const e = check.estimate;
  return (
    <div data-testid="setup-check" data-ok={check.ok}>
      {e && (
        <Group gap="md" wrap="wrap">
          <Fact label="Grid" value={formatCount(e.combinations)} />
          <Fact label="Feasible" value={`${e.feasible.exact ? '' : '≈ '}${formatCount(e.feasible.count)}`} />
          <Fact label="Backtests" value={formatCount(e.totalEvaluations)} />
          {e.windows > 1 && <Fact label="Windows" value={formatCount(e.windows)} />}
          <Fact label="Bars" value={formatCount(check.bars)} />
          <Fact label="Memory" value={formatBytes(e.memoryBytes)} />
          <Fact label="Time" value={e.estimatedMs === null ? '—' : `≈ ${formatDuration(e.estimatedMs)}`} />
          {checking && <Loader size={12} />}
        </Group>
      )}
      {check.errors.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} mt="xs" p="xs" title="Cannot start">
          <List size="xs">
            {check.errors.map((issue, i) => (
              <List.Item key={i}>
                <Text span size="xs" ff="monospace">{issue.field}</Text>: {issue.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {check.warnings.length > 0 && (
        <Alert color="yellow" icon={<IconInfoCircle size={18} />} mt="xs" p="xs">
          <List size="xs">
            {check.warnings.map((issue, i) => (
              <List.Item key={i}>{issue.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text size="sm" ff="monospace" lh={1.3}>
        {value}
      </Text>
    </div>
  );
}
