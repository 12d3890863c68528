import type { chartRequests } from '../../src-shared/contract/chart.contract.ts';
import type { Handlers } from '../../src-shared/contract/define.ts';
import type { Services } from '../handlers/handlers.ts';

/** Chart layout and watchlists of the workspace. */
export function chartHandlers(s: Services): Handlers<typeof chartRequests> {
  return {
    'layout.get': () => s.charts.getLayout(),
    'layout.save': ({ layout }) => {
      s.charts.saveLayout(layout);
      return { saved: true as const };
    },
    'watchlists.list': () => s.charts.listWatchlists(),
    'watchlists.save': (input) => {
      const saved = s.charts.saveWatchlist(input);
      s.bus.emit('watchlists.changed', { ids: [saved.id] });
      return saved;
    },
    'watchlists.remove': ({ id }) => {
      const removed = s.charts.removeWatchlist(id);
      if (removed) s.bus.emit('watchlists.changed', { ids: [id] });
      return { removed };
    },
  };
}
