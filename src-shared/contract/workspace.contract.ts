import { z } from 'zod';
import type { RequestDef } from './define.ts';

export const WorkspaceInfoSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
  dbFile: z.string(),
  sqliteVersion: z.string(),
  /** True while the workspace holds only the generated demo instruments. */
  demoOnly: z.boolean(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

export const workspaceRequests = {
  'workspace.info': {
    summary: 'Where the workspace lives and which versions wrote it.',
    input: z.object({}).strict(),
    output: WorkspaceInfoSchema,
  },
} satisfies Record<string, RequestDef>;
