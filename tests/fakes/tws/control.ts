import { controlHandler } from '../shared/control-endpoint.ts';
import { FaultCommandSchema } from './faults.ts';

export const CONTROL_HELP = {
  'GET /__fake/faults': 'the faults in force',
  'POST /__fake/faults':
    'JSON with any of: clear, drop, dropEverySeconds, delayMs, stall, stallSeconds, lose, restore ("lost"|"maintained"), brokenServerLink, pacingViolations, malformed ("garbage"|"bad-length"), nightlyResetSeconds',
  'GET /__fake/stats': 'every request (time, client, message, contract, params, outcome), pacing violations, streams, clients',
  'DELETE /__fake/stats': 'forget the recorded requests, violations and stream history',
};

/**
 * The control endpoint of the fake TWS, on its own HTTP port (TWS's port speaks only the TWS API):
 * `curl -X POST localhost:7498/__fake/faults -d '{"lose":true}'`. It works while the fake is "down".
 */
export const handleControl = controlHandler(FaultCommandSchema, CONTROL_HELP);
