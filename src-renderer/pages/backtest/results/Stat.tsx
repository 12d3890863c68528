import { Text } from '@mantine/core';

/** A headline figure of a run: a small label over a monospaced value. */
export function Stat({ label, value, color, testId }: { label: string; value: string; color?: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={color} ff="monospace" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
