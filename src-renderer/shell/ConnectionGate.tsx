import { Center, Code, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconKeyOff, IconPlugConnectedX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useClient, useConnectionState } from '../client/hooks.ts';

/**
 * Replaces the whole app when the connection cannot work at all: a bad token (the server refused
 * the upgrade) or a page from another version of Candlewick. Transient drops are shown in the header.
 */
export function ConnectionGate({ children }: { children: ReactNode }) {
  const client = useClient();
  const state = useConnectionState();
  if (state !== 'closed') return children;
  if (client.closeReason === 'unauthorized') {
    return (
      <FullPage icon={<IconKeyOff size={32} />} title="Access refused">
        <Text role="alert">
          This link's token is not valid — open the address printed by <Code>candlewick serve</Code>
        </Text>
        <Text size="sm" c="dimmed">
          The token is part of the address (<Code>?token=…</Code>). It changes each time the server starts.
        </Text>
      </FullPage>
    );
  }
  if (client.closeReason === 'protocol') {
    return (
      <FullPage icon={<IconPlugConnectedX size={32} />} title="Version mismatch">
        <Text role="alert">This page belongs to a different version of Candlewick than the server. Reload the page.</Text>
      </FullPage>
    );
  }
  return children;
}

function FullPage({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" maw={560} radius="md">
        <Stack align="center" ta="center" gap="md">
          <ThemeIcon size={64} radius="xl" color="red" variant="light">
            {icon}
          </ThemeIcon>
          <Title order={2}>{title}</Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
