import type { Handlers } from '../../src-shared/contract/define.ts';
import type { indicatorRequests } from '../../src-shared/contract/indicators.contract.ts';
import type { Services } from '../handlers/handlers.ts';

/** The indicator catalogue, computation, and presets. */
export function indicatorHandlers(s: Services): Handlers<typeof indicatorRequests> {
  return {
    'indicators.catalogue': () => s.indicators.catalogue(),
    'indicators.compute': (input) => s.indicators.compute(input),
    'presets.list': () => s.charts.listPresets(),
    'presets.save': ({ name, indicators }) => {
      const preset = s.charts.savePreset(name, indicators);
      s.bus.emit('presets.changed', { names: [preset.name] });
      return preset;
    },
    'presets.remove': ({ name }) => {
      const removed = s.charts.removePreset(name);
      if (removed) s.bus.emit('presets.changed', { names: [name] });
      return { removed };
    },
  };
}
