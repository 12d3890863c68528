import { Menu, type MenuItemConstructorOptions } from 'electron';
export interface MenuOptions {
  readonly isMac: boolean;
  readonly devTools: boolean;
}

/** The application menu: the platform's usual roles. The theme belongs to the UI (its header toggle). */
export function buildAppMenu(options: MenuOptions): Menu {
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
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    ...help,
  ];
  return Menu.buildFromTemplate(template);
}
