import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

/** What a fake exposes to its control endpoint. */
export interface ControlTarget<Command> {
  readonly faults: { readonly current: unknown; apply(command: Command): { dropped: number } };
  stats(): unknown;
  resetStats(): void;
}

export type ControlHandler<Command> = (req: IncomingMessage, res: ServerResponse, url: URL, target: ControlTarget<Command>) => Promise<void>;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The `/__fake` control endpoint every fake venue serves, so that a browser test or a person at a
 * terminal can break a standalone fake (`curl -X POST …/__fake/faults -d '{…}'`): faults in force,
 * fault commands validated by the fake's own schema, stats and their reset. It needs no keys and is
 * exempt from faults and rate limits: it must work while the fake is "down".
 */
export function controlHandler<Command>(schema: z.ZodType<Command>, help: Readonly<Record<string, string>>): ControlHandler<Command> {
  return async (req, res, url, target) => {
    const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
    try {
      switch (route) {
        case 'GET /__fake':
          return json(res, 200, help);
        case 'GET /__fake/faults':
          return json(res, 200, target.faults.current);
        case 'POST /__fake/faults': {
          const parsed = schema.safeParse(await readJson(req));
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
          return json(res, 404, { error: `no control endpoint ${route}`, endpoints: help });
      }
    } catch (error) {
      return json(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  };
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
