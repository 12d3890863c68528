import { useMemo, useRef, useState, type ReactNode } from 'react';
import { ImportWizard } from './ImportWizard.tsx';
import { ImportWizardContext, type ImportWizardControl } from './import-wizard-context.ts';

interface Session {
  readonly key: number;
  readonly file: File | null;
}

/** Owns the one import wizard of the app; anything below can open it (a button, a drop, mod+I). */
export function ImportWizardHost({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [opened, setOpened] = useState(false);
  const isOpen = useRef(false);

  const control = useMemo<ImportWizardControl>(
    () => ({
      open(file) {
        if (isOpen.current) return; // a wizard already open keeps its work
        isOpen.current = true;
        setSession((s) => ({ key: (s?.key ?? 0) + 1, file: file ?? null }));
        setOpened(true);
      },
    }),
    [],
  );
  const close = () => {
    isOpen.current = false;
    setOpened(false);
  };

  return (
    <ImportWizardContext.Provider value={control}>
      {children}
      {session && (
        <ImportWizard key={session.key} opened={opened} initialFile={session.file} onClose={close} />
      )}
    </ImportWizardContext.Provider>
  );
}
