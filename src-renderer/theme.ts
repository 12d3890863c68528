import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
});

/** The chosen theme survives reloads; dark until the user picks light. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'candlewick.color-scheme' });
export const DEFAULT_COLOR_SCHEME = 'dark' as const;
