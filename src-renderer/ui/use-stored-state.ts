import { useCallback, useEffect, useState } from 'react';

/**
 * A form or choice kept in browser storage under `key`, so leaving the page or reloading keeps
 * what was typed. Fields added since it was saved take their defaults; a value that cannot be
 * read or written simply is not remembered.
 */
export function useStoredState<T extends object>(key: string, defaults: T): [T, (update: (value: T) => T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<T> | null;
      return saved && typeof saved === 'object' ? { ...defaults, ...saved } : defaults;
    } catch {
      return defaults;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the form still works, it is only not remembered.
    }
  }, [key, value]);
  const update = useCallback((fn: (value: T) => T) => setValue(fn), []);
  return [value, update];
}
