import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card holding one plot of a grid of plots; `note` explains how to read it. */
export function PlotCard({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-label={title} withBorder p="sm" radius="sm">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {note && (
        <Text size="xs" c="dimmed" mb={4}>
          {note}
        </Text>
      )}
      {children}
    </Paper>
  );
}
