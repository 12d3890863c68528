import { controlHandler } from '../shared/control-endpoint.ts';
import { FaultCommandSchema } from './faults.ts';

export const CONTROL_HELP = {
  'GET /__fake/faults': 'the faults in force',
  'POST /__fake/faults': 'JSON with any of: clear, dropStreams, dropStreamsEverySeconds, stallStreamsSeconds, refuseStreamsSeconds, rateLimitStorm, serverErrors, serverErrorStatus, malformed, delayMs',
  'GET /__fake/stats': 'every REST request (time, path, query, status, key id) and stream counters per key, with subscribe messages',
  'DELETE /__fake/stats': 'forget the recorded requests, subscribe messages and rate-limit windows',
};

/**
 * The control endpoint, so a browser test or a person at a terminal can break the standalone fake:
 * `curl -X POST localhost:8898/__fake/faults -d '{"dropStreams":true}'`. It needs no keys and is
 * exempt from faults and rate limits: it must work while the fake is "down".
 */
export const handleControl = controlHandler(FaultCommandSchema, CONTROL_HELP);
