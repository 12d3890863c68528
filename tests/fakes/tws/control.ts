import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultCommandSchema, type TwsFaults } from './faults.ts';
import type { TwsStats } from './stats.ts';

export interface ControlTarget {
  readonly faults: TwsFaults;
  stats(): TwsStats;
  resetStats(): void;
}

const MAX_BODY_BYTES = 64 * 1024;

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
export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, target: ControlTarget): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
  try {
    switch (route) {
      case 'GET /__fake':
        return json(res, 200, CONTROL_HELP);
      case 'GET /__fake/faults':
        return json(res, 200, target.faults.current);
      case 'POST /__fake/faults': {
        const parsed = FaultCommandSchema.safeParse(await readJson(req));
        if (!parsed.success) {
          const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
          return json(res, 400, { error: `bad fault command: ${problems.join('; ')}` });
        }
        const { dropped } = target.faults.apply(parsed.data);
        return json(res, 200, { faults: target.faults.current, dropped });
      }
      case 'GET /__fake/stats':
        return json(res, 200, target.stats());
      case 'DELETE /__fake/stats':
        target.resetStats();
        return json(res, 200, { reset: true });
      default:
        return json(res, 404, { error: `no control endpoint ${route}`, endpoints: CONTROL_HELP });
    }
  } catch (error) {
    return json(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
}
