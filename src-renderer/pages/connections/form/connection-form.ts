import type { InputOf, Requests } from '../../../../src-shared/contract/index.ts';
import {
  CCXT_EXCHANGES, ConnectionSettingsSchema, CredentialsSchema, type CcxtExchange, type ConnectionSettings, type ConnectionSettingsInput,
  type Credentials, type SourceKind,
} from '../../../../src-shared/domain/connection.ts';
import { fieldOfIssuePath, type FieldErrors } from './field-errors.ts';

/**
 * The "Add / edit connection" form as it is typed, and its mapping to and from the core's
 * `ConnectionSettings`. Pure, so the defaults and the rules are tested without a browser; the
 * core validates again and its refusal is shown by field (see field-errors.ts).
 */

/** A number input's value: '' while the box is empty. */
export type NumberField = number | '';

export interface ConnectionForm {
  kind: SourceKind;
  exchange: CcxtExchange;
  name: string;
  /** Once the user typed a name, changing the exchange no longer renames the connection. */
  nameEdited: boolean;
  restUrl: string;
  wsUrl: string;
  /** '' keeps the venue's published limit. */
  requestsPerMinute: NumberField;
  heartbeatSeconds: NumberField;
  pollSeconds: NumberField;
  failureThreshold: NumberField;
  openSeconds: NumberField;
  backoffInitialMs: NumberField;
  backoffMaxMs: NumberField;
  attemptsBeforeDown: NumberField;
  priority: NumberField;
  /** New keys only: stored keys are never sent back, so these start empty. */
  apiKey: string;
  secret: string;
  password: string;
  /** The stored keys are removed on save ("Remove keys"). */
  removeKeys: boolean;
}

export const SOURCE_LABELS: Record<SourceKind, string> = { ccxt: 'Crypto exchange (ccxt)', yahoo: 'Yahoo Finance' };
export const EXCHANGE_LABELS: Record<CcxtExchange, string> = { binance: 'Binance', coinbase: 'Coinbase', kraken: 'Kraken', bybit: 'Bybit', okx: 'OKX' };
export const EXCHANGE_OPTIONS = CCXT_EXCHANGES.map((e) => ({ value: e, label: EXCHANGE_LABELS[e] }));

/** What a new connection is called until the user names it: the venue, numbered when taken. */
export function defaultName(kind: SourceKind, exchange: CcxtExchange, taken: readonly string[] = []): string {
  const base = kind === 'ccxt' ? EXCHANGE_LABELS[exchange] : 'Yahoo';
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/** The schema's own defaults, read from it so the form and the core never disagree. */
function schemaDefaults(): ConnectionSettings {
  return ConnectionSettingsSchema.parse({ name: 'x', kind: 'ccxt', exchange: 'binance' });
}

export function newConnectionForm(taken: readonly string[] = []): ConnectionForm {
  const d = schemaDefaults();
  return {
    kind: 'ccxt',
    exchange: 'binance',
    name: defaultName('ccxt', 'binance', taken),
    nameEdited: false,
    restUrl: '',
    wsUrl: '',
    requestsPerMinute: '',
    heartbeatSeconds: d.heartbeatSeconds,
    pollSeconds: d.pollSeconds,
    failureThreshold: d.breaker.failureThreshold,
    openSeconds: d.breaker.openSeconds,
    backoffInitialMs: d.backoff.initialMs,
    backoffMaxMs: d.backoff.maxMs,
    attemptsBeforeDown: d.backoff.attemptsBeforeDown,
    priority: d.priority,
    apiKey: '',
    secret: '',
    password: '',
    removeKeys: false,
  };
}

/** A saved connection in the form (its keys are never shown: they stay empty unless retyped). */
export function formFromSettings(s: ConnectionSettings): ConnectionForm {
  return {
    kind: s.kind,
    exchange: s.exchange ?? 'binance',
    name: s.name,
    nameEdited: true,
    restUrl: s.urls.rest ?? '',
    wsUrl: s.urls.ws ?? '',
    requestsPerMinute: s.requestsPerMinute ?? '',
    heartbeatSeconds: s.heartbeatSeconds,
    pollSeconds: s.pollSeconds,
    failureThreshold: s.breaker.failureThreshold,
    openSeconds: s.breaker.openSeconds,
    backoffInitialMs: s.backoff.initialMs,
    backoffMaxMs: s.backoff.maxMs,
    attemptsBeforeDown: s.backoff.attemptsBeforeDown,
    priority: s.priority,
    apiKey: '',
    secret: '',
    password: '',
    removeKeys: false,
  };
}

/** Switching kind or exchange renames a connection the user has not named yet. */
export function withVenue(form: ConnectionForm, kind: SourceKind, exchange: CcxtExchange, taken: readonly string[]): ConnectionForm {
  const name = form.nameEdited ? form.name : defaultName(kind, exchange, taken);
  return { ...form, kind, exchange, name };
}

/** Whether a venue of this kind takes API keys (Yahoo needs none). */
export function takesKeys(kind: SourceKind): boolean {
  return kind === 'ccxt';
}

export type SaveInput = InputOf<Requests['connections.save']>;
export type Checked = { input: SaveInput; errors: null } | { input: null; errors: FieldErrors };

const REQUIRED: readonly (keyof ConnectionForm)[] = [
  'heartbeatSeconds', 'pollSeconds', 'failureThreshold', 'openSeconds', 'backoffInitialMs', 'backoffMaxMs', 'attemptsBeforeDown', 'priority',
];

/**
 * The form as a `connections.save` input (also what `connections.test` takes), or the problems by
 * field. Empty URL boxes mean the venue's public address; empty key boxes keep the stored keys.
 */
export function toSaveInput(form: ConnectionForm, connectionId?: string): Checked {
  const errors: FieldErrors = {};
  for (const field of REQUIRED) if (form[field] === '') errors[field] = 'Enter a number';
  const num = (v: NumberField) => (v === '' ? undefined : v);
  const urls: { rest?: string; ws?: string } = {};
  if (form.restUrl.trim() !== '') urls.rest = form.restUrl.trim();
  // Yahoo is polled: it has no websocket to point anywhere.
  if (form.kind === 'ccxt' && form.wsUrl.trim() !== '') urls.ws = form.wsUrl.trim();
  const candidate: ConnectionSettingsInput = {
    name: form.name,
    kind: form.kind,
    ...(form.kind === 'ccxt' ? { exchange: form.exchange } : {}),
    urls,
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
  const credentials = credentialsOf(form, errors);
  if (!parsed.success || Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      ...(connectionId ? { connectionId } : {}),
      settings: parsed.data,
      ...(credentials === undefined ? {} : { credentials }),
    },
    errors: null,
  };
}

/**
 * Keys as the save takes them: undefined keeps the stored ones (nothing typed), null removes them,
 * an object replaces them. A key without its secret is a mistake worth naming.
 */
function credentialsOf(form: ConnectionForm, errors: FieldErrors): Credentials | null | undefined {
  if (!takesKeys(form.kind)) return form.removeKeys ? null : undefined;
  const apiKey = form.apiKey.trim();
  const secret = form.secret.trim();
  if (apiKey === '' && secret === '' && form.password === '') return form.removeKeys ? null : undefined;
  if (apiKey === '') errors.apiKey = 'Enter the API key too (or clear the secret)';
  if (secret === '') errors.secret = 'Enter the secret too (or clear the API key)';
  if (apiKey === '' || secret === '') return undefined;
  const parsed = CredentialsSchema.safeParse({ apiKey, secret, ...(form.password === '' ? {} : { password: form.password }) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[fieldOfIssuePath(['credentials', ...issue.path.map(String)])] ??= issue.message;
    return undefined;
  }
  return parsed.data;
}
