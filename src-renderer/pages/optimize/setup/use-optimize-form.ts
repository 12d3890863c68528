import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_OPTIMIZE_FORM, type OptimizeForm } from './optimize-form.ts';

const KEY = 'candlewick.optimize.setup';

/** The last setup, so leaving the page or reloading keeps what was typed. */
function load(): OptimizeForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<OptimizeForm> | null;
    // Fields added since it was saved take their defaults.
    return saved && typeof saved === 'object' ? { ...DEFAULT_OPTIMIZE_FORM, ...saved } : DEFAULT_OPTIMIZE_FORM;
  } catch {
    return DEFAULT_OPTIMIZE_FORM;
  }
}

export function useOptimizeForm(): [OptimizeForm, (update: (form: OptimizeForm) => OptimizeForm) => void] {
  const [form, setForm] = useState<OptimizeForm>(load);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(form));
    } catch {
      // Not remembered; the form still works.
    }
  }, [form]);
  const update = useCallback((fn: (form: OptimizeForm) => OptimizeForm) => setForm(fn), []);
  return [form, update];
}
