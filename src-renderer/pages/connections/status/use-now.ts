import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `periodMs` while `enabled` (a countdown on screen); frozen
 * otherwise, so a page with nothing counting does not re-render every second.
 */
export function useNow(enabled: boolean, periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [enabled, periodMs]);
  return now;
}
