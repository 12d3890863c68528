import { Alert, Button, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconEyeSearch, IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { LookAheadReportOutput, RunDetail } from '../../../../src-shared/contract/backtest.contract.ts';
import { useClient } from '../../../client/hooks.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { formatBarTime } from '../../../ui/format.ts';

/**
 * Asks whether the strategy used the future: the run is repeated on histories cut short and every
 * signal or fill before a cut must come out the same. A finding names the bar and what changed.
 */
export function LookAheadCheck({ run }: { run: RunDetail }) {
  const client = useClient();
  const [report, setReport] = useState<LookAheadReportOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const check = async () => {
    setChecking(true);
    setError(null);
    try {
      setReport(await client.call('backtest.checkLookAhead', { runId: run.id }));
    } catch (e) {
      setError((e as ClientError).message);
    } finally {
      setChecking(false);
    }
  };
  return (
    <Stack gap={6} data-testid="look-ahead">
      <Button size="xs" variant="light" w="fit-content" leftSection={<IconEyeSearch size={14} />} loading={checking} onClick={() => void check()}>
        Check for look-ahead
      </Button>
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      {report?.clean && (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} p="xs">
          No signal or fill changed on {report.cuts.length} truncated histories: the strategy used nothing from the future.
        </Alert>
      )}
      {report && !report.clean && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} p="xs" title={`${report.findings.length} change(s) when future bars were removed`}>
          <Table fz="xs" verticalSpacing={2}>
            <Table.Tbody>
              {report.findings.slice(0, 20).map((f, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{formatBarTime(f.time, run.timeframe)}</Table.Td>
                  <Table.Td>{f.kind}</Table.Td>
                  <Table.Td>
                    full history: {f.full}; cut before bar {f.cut}: {f.truncated}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Alert>
      )}
    </Stack>
  );
}
