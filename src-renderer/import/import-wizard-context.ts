import { createContext, useContext } from 'react';

export interface ImportWizardControl {
  /** Opens the wizard, at the preview step straight away when a file is given (a drop). */
  open(file?: File): void;
}

export const ImportWizardContext = createContext<ImportWizardControl | null>(null);

export function useImportWizard(): ImportWizardControl {
  const control = useContext(ImportWizardContext);
  if (!control) throw new Error('useImportWizard() outside <ImportWizardHost>');
  return control;
}
