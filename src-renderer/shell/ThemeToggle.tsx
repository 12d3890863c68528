import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useCallback } from 'react';

export function useToggleTheme(): () => void {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('dark');
  return useCallback(() => setColorScheme(computed === 'dark' ? 'light' : 'dark'), [computed, setColorScheme]);
}

export function ThemeToggle() {
  const computed = useComputedColorScheme('dark');
  const toggle = useToggleTheme();
  const label = computed === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" onClick={toggle} aria-label={label}>
        {computed === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}
