import { controlHandler } from '../shared/control-endpoint.ts';
import { FaultCommandSchema } from './faults.ts';

export const CONTROL_HELP = {
  'GET /__fake/faults': 'the faults in force',
  'POST /__fake/faults': 'JSON with any of: clear, drop, dropEverySeconds, delayMs, rateLimitStorm, retryAfterSeconds, serverErrors, serverErrorStatus, malformed, dropRequests, stall',
  'GET /__fake/stats': 'every REST request (time, path, status, weight), the weight used this minute, websocket counters',
  'DELETE /__fake/stats': 'forget the recorded requests and the weight used',
};

/**
 * The control endpoint, so that a browser test or a person at a terminal can break the
 * standalone fake: `curl -X POST localhost:8899/__fake/faults -d '{"drop":true}'`.
 * It is exempt from faults and weight: it must work while the fake is "down".
 */
export const handleControl = controlHandler(FaultCommandSchema, CONTROL_HELP);
