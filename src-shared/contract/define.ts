import type { z } from 'zod';

/** A request: validated input in, validated output back. */
export interface RequestDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** One line for docs, the OpenAPI description and the property tests. */
  readonly summary: string;
}

export type RequestMap = Record<string, RequestDef>;
export type EventMap = Record<string, z.ZodType>;

export type InputOf<R extends RequestDef> = z.input<R['input']>;
export type ParsedInputOf<R extends RequestDef> = z.output<R['input']>;
export type OutputOf<R extends RequestDef> = z.output<R['output']>;

/** Context a transport hands to every handler: who called, and how to stop. */
export interface CallContext {
  readonly transport: 'ipc' | 'ws' | 'local';
  readonly signal?: { readonly aborted: boolean };
}

/** One handler per request; a missing or misspelt one is a compile error. */
export type Handlers<M extends RequestMap> = {
  [K in keyof M]: (input: ParsedInputOf<M[K]>, ctx: CallContext) => Promise<OutputOf<M[K]>> | OutputOf<M[K]>;
};
