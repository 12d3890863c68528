import { ActionIcon, AppShell, Burger, Group, NavLink, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconCandle, IconKeyboard } from '@tabler/icons-react';
import { useState } from 'react';
import { useImportWizard } from '../import/import-wizard-context.ts';
import { usePreventFileNavigation } from '../ui/use-file-drop.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { JobsIndicator } from './JobsIndicator.tsx';
import { PAGE_IDS, PAGES } from './pages.ts';
import { ShortcutsModal } from './ShortcutsModal.tsx';
import { ThemeToggle, useToggleTheme } from './ThemeToggle.tsx';
import { useHashPage } from './use-hash-page.ts';

export function AppLayout() {
  const [pageId, go] = useHashPage(PAGE_IDS, 'data');
  const [navOpened, nav] = useDisclosure(false);
  const [helpOpened, help] = useDisclosure(false);
  const [jobsOpened, setJobsOpened] = useState(false);
  const wizard = useImportWizard();
  const toggleTheme = useToggleTheme();
  usePreventFileNavigation();
  const page = PAGES.find((p) => p.id === pageId) ?? PAGES[0]!;

  useHotkeys([
    ['mod+I', () => (go('data'), wizard.open())],
    ['mod+J', () => setJobsOpened((o) => !o)],
    ['mod+shift+L', toggleTheme],
    ['shift+?', help.toggle],
    ...PAGES.map((p, i): [string, () => void] => [`mod+${i + 1}`, () => go(p.id)]),
  ]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <IconCandle size={24} color="var(--mantine-color-teal-5)" aria-hidden />
            <Title order={3} fw={700}>
              Candlewick
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <JobsIndicator opened={jobsOpened} onChange={setJobsOpened} onShowAll={() => (setJobsOpened(false), go('activity'))} />
            <ConnectionBadge />
            <ThemeToggle />
            <Tooltip label="Keyboard shortcuts (?)">
              <ActionIcon variant="default" size="lg" onClick={help.open} aria-label="Keyboard shortcuts">
                <IconKeyboard size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Pages">
        {PAGES.map((p) => (
          <NavLink
            key={p.id}
            href={`#/${p.id}`}
            label={p.label}
            description={<Text size="xs" c="dimmed" component="span">{p.description}</Text>}
            leftSection={<p.icon size={18} stroke={1.6} />}
            active={p.id === pageId}
            aria-current={p.id === pageId ? 'page' : undefined}
            onClick={nav.close}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main>
        <page.Component />
      </AppShell.Main>
      <ShortcutsModal opened={helpOpened} onClose={help.close} />
    </AppShell>
  );
}
