import type { Handlers } from '../../src-shared/contract/define.ts';
import type { replayRequests } from '../../src-shared/contract/replay.contract.ts';
import type { Services } from '../handlers/handlers.ts';

/** Bar replay: start a session, drive it, stop it; the bars themselves arrive as events. */
export function replayHandlers(s: Pick<Services, 'replays'>): Handlers<typeof replayRequests> {
  return {
    'replay.start': (input) => s.replays.start(input),
    'replay.control': (input) => s.replays.control(input),
    'replay.stop': ({ replayId }) => ({ stopped: s.replays.stop(replayId) }),
  };
}
