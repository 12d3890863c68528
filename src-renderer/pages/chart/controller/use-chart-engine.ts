import { useEffect, useState, type RefObject } from 'react';
import type { Client } from '../../../client/client.ts';
import { ChartSession } from '../data/chart-session.ts';
import { ChartController } from './chart-controller.ts';
import type { ColorScheme } from './chart-theme.ts';

export interface ChartEngine {
  readonly controller: ChartController;
  readonly session: ChartSession;
}

/** Creates the chart in `container` for the life of the component, with the session that feeds it. */
export function useChartEngine(container: RefObject<HTMLDivElement | null>, client: Client, scheme: ColorScheme): ChartEngine | null {
  const [engine, setEngine] = useState<ChartEngine | null>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const controller = new ChartController(element, scheme);
    const session = new ChartSession(client, controller);
    const offRange = controller.onRangeChange(() => session.checkRange());
    setEngine({ controller, session });
    return () => {
      offRange();
      session.dispose();
      setEngine(null);
      controller.destroy();
    };
    // The scheme is applied by the page afterwards; the chart is not recreated for it.
  }, [client, container]);
  return engine;
}
