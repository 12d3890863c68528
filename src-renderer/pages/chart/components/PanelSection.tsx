import { Box, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled block of the chart's side panel. */
export function PanelSection({ title, label, action, children }: { title: string; label: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" aria-label={label} py={8} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" mb={6} wrap="nowrap" gap={4}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          {title}
        </Text>
        {action}
      </Group>
      {children}
    </Box>
  );
}
