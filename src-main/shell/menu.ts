import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Theme } from './settings.ts';

export interface MenuOptions {
  readonly isMac: boolean;
  readonly devTools: boolean;
  readonly theme: Theme;
  onTheme(theme: Theme): void;
}

/** The application menu: the platform's usual roles, plus the theme under View. */
export function buildAppMenu(options: MenuOptions): Menu {
  const themeItem = (theme: Theme, label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: options.theme === theme,
    click: () => options.onTheme(theme),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const devItems: MenuItemConstructorOptions[] = options.devTools
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : [];
  const macApp: MenuItemConstructorOptions[] = options.isMac ? [{ role: 'appMenu' }] : [];
  // macOS has About in the app menu; elsewhere it goes under Help.
  const help: MenuItemConstructorOptions[] = options.isMac ? [] : [{ role: 'help', submenu: [{ role: 'about' }] }];
  const template: MenuItemConstructorOptions[] = [
    ...macApp,
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...devItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        {
          label: 'Theme',
          submenu: [themeItem('system', 'Follow System'), themeItem('light', 'Light'), themeItem('dark', 'Dark')],
        },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    ...help,
  ];
  return Menu.buildFromTemplate(template);
}
