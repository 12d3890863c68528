import type { InputOf, Requests } from '../../../../src-shared/contract/index.ts';
import {
  ConnectionSettingsSchema, CredentialsSchema, type ConnectionSettingsInput, type Credentials, type SourceKind,
} from '../../../../src-shared/domain/connection.ts';
import { needsKeys, SOURCE_LABELS, takesKeys, type ConnectionForm, type NumberField } from './connection-form.ts';
import { fieldOfIssuePath, type FieldErrors } from './field-errors.ts';

/**
 * The typed form as a `connections.save` input (also what `connections.test` takes), checked by
 * the shared schema so each problem is named under its box before anything is sent; the core
 * checks again and its refusal is placed the same way (field-errors.ts).
 */

export type SaveInput = InputOf<Requests['connections.save']>;
export type Checked = { input: SaveInput; errors: null } | { input: null; errors: FieldErrors };

/** The connection being edited, as far as the check needs it. */
export interface Editing {
  id: string;
  /** Keys are in the secrets store: empty key boxes keep them. */
  hasCredentials: boolean;
}

const REQUIRED: readonly (keyof ConnectionForm)[] = [
  'heartbeatSeconds', 'failureThreshold', 'openSeconds', 'backoffInitialMs', 'backoffMaxMs', 'attemptsBeforeDown', 'priority',
];
/** Boxes only some kinds show; elsewhere an empty one takes the schema's default. */
const REQUIRED_BY_KIND: Record<SourceKind, readonly (keyof ConnectionForm)[]> = {
  ccxt: [],
  yahoo: ['pollSeconds'],
  ib: ['ibPort', 'ibClientId'],
  alpaca: [],
};

/** Which URL boxes a kind has: Yahoo is polled (no websocket); IB speaks TWS's socket at host:port. */
const URL_BOXES: Record<SourceKind, readonly ('rest' | 'ws' | 'trading')[]> = {
  ccxt: ['rest', 'ws'],
  yahoo: ['rest'],
  ib: [],
  alpaca: ['rest', 'ws', 'trading'],
};
const URL_FIELD = { rest: 'restUrl', ws: 'wsUrl', trading: 'tradingUrl' } as const;

/**
 * The form as a save input, or the problems by field. Empty URL boxes mean the venue's public
 * address; empty key boxes keep the stored keys; boxes of another kind than the chosen one are
 * not sent.
 */
export function toSaveInput(form: ConnectionForm, editing?: Editing): Checked {
  const errors: FieldErrors = {};
  for (const field of [...REQUIRED, ...REQUIRED_BY_KIND[form.kind]]) if (form[field] === '') errors[field] = 'Enter a number';
  const num = (v: NumberField) => (v === '' ? undefined : v);
  const urls: { rest?: string; ws?: string; trading?: string } = {};
  for (const box of URL_BOXES[form.kind]) {
    const text = form[URL_FIELD[box]].trim();
    if (text !== '') urls[box] = text;
  }
  const candidate: ConnectionSettingsInput = {
    name: form.name,
    kind: form.kind,
    ...(form.kind === 'ccxt' ? { exchange: form.exchange } : {}),
    urls,
    ...(form.kind === 'ib'
      ? { ib: { host: form.ibHost, port: num(form.ibPort), clientId: num(form.ibClientId), live: form.ibLive, regularHoursOnly: form.ibRegularHoursOnly } }
      : {}),
    ...(form.kind === 'alpaca' ? { alpaca: { environment: form.alpacaEnvironment, feed: form.alpacaFeed } } : {}),
    ...(form.requestsPerMinute === '' ? {} : { requestsPerMinute: form.requestsPerMinute }),
    heartbeatSeconds: num(form.heartbeatSeconds),
    pollSeconds: num(form.pollSeconds),
    breaker: { failureThreshold: num(form.failureThreshold), openSeconds: num(form.openSeconds) },
    backoff: { initialMs: num(form.backoffInitialMs), maxMs: num(form.backoffMaxMs), attemptsBeforeDown: num(form.attemptsBeforeDown) },
    priority: num(form.priority),
  };
  const parsed = ConnectionSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfIssuePath(issue.path.map(String));
      errors[field] ??= issue.message;
    }
  }
  const credentials = credentialsOf(form, editing?.hasCredentials ?? false, errors);
  if (!parsed.success || Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      ...(editing ? { connectionId: editing.id } : {}),
      settings: parsed.data,
      ...(credentials === undefined ? {} : { credentials }),
    },
    errors: null,
  };
}

/**
 * Keys as the save takes them: undefined keeps the stored ones (nothing typed), null removes them,
 * an object replaces them. A key without its secret is a mistake worth naming, and so is an
 * Alpaca connection that would be left without any keys.
 */
function credentialsOf(form: ConnectionForm, storedKeys: boolean, errors: FieldErrors): Credentials | null | undefined {
  if (!takesKeys(form.kind)) return form.removeKeys ? null : undefined;
  const venue = SOURCE_LABELS[form.kind];
  // "Remove keys" hides the boxes, so whatever was typed in them before is not what the user sees.
  if (form.removeKeys) {
    if (needsKeys(form.kind)) errors.form = `${venue} needs keys to connect: press "Keep keys", then type new ones to replace the stored keys`;
    return null;
  }
  const apiKey = form.apiKey.trim();
  const secret = form.secret.trim();
  // Alpaca has no passphrase; its box is not shown, so nothing typed there for another kind is sent.
  const password = needsKeys(form.kind) ? '' : form.password;
  const mustHave = needsKeys(form.kind) && !storedKeys;
  if (apiKey === '' && secret === '' && password === '') {
    if (mustHave) {
      errors.apiKey = `${venue} needs keys to connect: enter the API key ID`;
      errors.secret = 'Enter the secret key too';
    }
    return undefined;
  }
  if (apiKey === '') errors.apiKey = mustHave ? 'Enter the API key too' : 'Enter the API key too (or clear the secret)';
  if (secret === '') errors.secret = mustHave ? 'Enter the secret too' : 'Enter the secret too (or clear the API key)';
  if (apiKey === '' || secret === '') return undefined;
  const parsed = CredentialsSchema.safeParse({ apiKey, secret, ...(password === '' ? {} : { password }) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[fieldOfIssuePath(['credentials', ...issue.path.map(String)])] ??= issue.message;
    return undefined;
  }
  return parsed.data;
}
