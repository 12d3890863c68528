import { Badge, Code, Group, Paper, SegmentedControl, Stack, Table, Text, Title, useMantineColorScheme } from '@mantine/core';
import type { ReactNode } from 'react';
import { preloadBridge } from '../../client/ipc-transport.ts';
import { useConnectionState, useQuery } from '../../client/hooks.ts';

/** Appearance, and where this workspace lives and which versions wrote it. */
export function SettingsPage() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const info = useQuery('workspace.info', {});
  const state = useConnectionState();
  const w = info.data;
  return (
    <Stack gap="md" maw={900}>
      <Title order={2}>Settings</Title>
      <Section title="Appearance">
        <Group>
          <Text size="sm">Theme</Text>
          <SegmentedControl
            value={colorScheme === 'light' ? 'light' : 'dark'}
            onChange={(value) => setColorScheme(value as 'light' | 'dark')}
            data={[
              { value: 'dark', label: 'Dark' },
              { value: 'light', label: 'Light' },
            ]}
            aria-label="Theme"
          />
        </Group>
      </Section>
      <Section title="Workspace">
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            <Row label="Data folder">{w ? <Code>{w.dataDir}</Code> : '…'}</Row>
            <Row label="Database file">{w ? <Code>{w.dbFile}</Code> : '…'}</Row>
            <Row label="Contents">
              {w ? w.demoOnly ? <Badge color="orange" variant="light">Demo data only</Badge> : 'Your data' : '…'}
            </Row>
            <Row label="Schema version">{w?.schemaVersion ?? '…'}</Row>
            <Row label="SQLite">{w?.sqliteVersion ?? '…'}</Row>
          </Table.Tbody>
        </Table>
      </Section>
      <Section title="About">
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            <Row label="Candlewick">{w?.appVersion ?? '…'}</Row>
            <Row label="Connection">
              {preloadBridge() ? 'Desktop app (IPC)' : `Browser over WebSocket (${window.location.host})`} · {state}
            </Row>
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={180}>{label}</Table.Th>
      <Table.Td style={{ wordBreak: 'break-all' }}>{children}</Table.Td>
    </Table.Tr>
  );
}
