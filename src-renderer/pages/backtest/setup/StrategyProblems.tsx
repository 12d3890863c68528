import { Alert, Code, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { StrategyProblem } from '../../../../src-shared/domain/user-strategy.ts';

/**
 * Why some of the workspace's own strategies did not load, each at its file, line and column (as
 * an editor counts them). The list follows the folder: fixing a file clears its line.
 */
export function StrategyProblems({ problems }: { problems: readonly StrategyProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <Alert mb="sm" color="orange" icon={<IconAlertTriangle size={18} />} title={`${problems.length} strategy file${problems.length === 1 ? '' : 's'} did not load`} data-testid="strategy-problems">
      <List size="xs" spacing={4}>
        {problems.map((p) => (
          <List.Item key={`${p.file}:${p.line}:${p.column}:${p.message}`}>
            <Code fz="xs">
              {p.file}:{p.line}:{p.column}
            </Code>{' '}
            <Text span size="xs">
              {p.message}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
