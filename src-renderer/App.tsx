import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { Client } from './client/client.ts';
import { ClientContext } from './client/client-context.ts';
import { ImportWizardHost } from './import/ImportWizardHost.tsx';
import { JobsProvider } from './jobs/JobsProvider.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { ConnectionGate } from './shell/ConnectionGate.tsx';
import { colorSchemeManager, DEFAULT_COLOR_SCHEME, theme } from './theme.ts';

/** Composition root: theme, notifications, the client, then the shell. */
export function App({ client }: { client: Client }) {
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme={DEFAULT_COLOR_SCHEME}>
      <Notifications position="bottom-right" limit={5} />
      <ClientContext.Provider value={client}>
        <ConnectionGate>
          <JobsProvider>
            <ImportWizardHost>
              <AppLayout />
            </ImportWizardHost>
          </JobsProvider>
        </ConnectionGate>
      </ClientContext.Provider>
    </MantineProvider>
  );
}
