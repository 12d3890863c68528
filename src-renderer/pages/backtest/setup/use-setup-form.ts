import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_FORM, type SetupForm } from './setup-form.ts';

const KEY = 'candlewick.backtest.setup';

/** The last setup, so leaving the page or reloading does not lose what was typed. */
function load(): SetupForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<SetupForm> | null;
    // Fields added since it was saved take their defaults; unknown strategies or instruments are
    // replaced by the form itself once the lists arrive.
    return saved && typeof saved === 'object' ? { ...DEFAULT_FORM, ...saved } : DEFAULT_FORM;
  } catch {
    return DEFAULT_FORM;
  }
}

export function useSetupForm(): [SetupForm, (update: (form: SetupForm) => SetupForm) => void] {
  const [form, setForm] = useState<SetupForm>(load);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(form));
    } catch {
      // Storage full or disabled: the form still works, it is only not remembered.
    }
  }, [form]);
  const update = useCallback((fn: (form: SetupForm) => SetupForm) => setForm(fn), []);
  return [form, update];
}
