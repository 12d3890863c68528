import {
  AlpacaSettingsSchema, CCXT_EXCHANGES, ConnectionSettingsSchema, IbSettingsSchema, type AlpacaSettings, type CcxtExchange, type ConnectionSettings,
  type IbSettings, type SourceKind,
} from '../../../../src-shared/domain/connection.ts';

/**
 * The "Add / edit connection" form as it is typed, and its mapping from the core's
 * `ConnectionSettings` (the way back, with the checks, is save-input.ts). Pure, so the defaults
 * and the rules are tested without a browser.
 */

/** A number input's value: '' while the box is empty. */
export type NumberField = number | '';

export interface ConnectionForm {
  kind: SourceKind;
  exchange: CcxtExchange;
  name: string;
  /** Once the user typed a name, changing the exchange no longer renames the connection. */
  nameEdited: boolean;
  /** ccxt, Yahoo: the REST base URL; Alpaca: its market-data REST URL. */
  restUrl: string;
  /** ccxt: the websocket URL; Alpaca: its market-data stream URL. */
  wsUrl: string;
  /** Alpaca: its trading API (account, clock, calendar, assets). */
  tradingUrl: string;
  /** Interactive Brokers: where TWS / IB Gateway listens, and this app's client id there. */
  ibHost: string;
  ibPort: NumberField;
  ibClientId: NumberField;
  ibLive: IbSettings['live'];
  ibRegularHoursOnly: boolean;
  alpacaEnvironment: AlpacaSettings['environment'];
  alpacaFeed: AlpacaSettings['feed'];
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

export const SOURCE_LABELS: Record<SourceKind, string> = {
  ccxt: 'Crypto exchange (ccxt)',
  yahoo: 'Yahoo Finance',
  ib: 'Interactive Brokers (TWS / IB Gateway)',
  alpaca: 'Alpaca',
};
export const EXCHANGE_LABELS: Record<CcxtExchange, string> = { binance: 'Binance', coinbase: 'Coinbase', kraken: 'Kraken', bybit: 'Bybit', okx: 'OKX' };
export const EXCHANGE_OPTIONS = CCXT_EXCHANGES.map((e) => ({ value: e, label: EXCHANGE_LABELS[e] }));

/** The ports TWS and IB Gateway listen on out of the box; the live ones reach a real-money account. */
export const IB_PORT_PRESETS = [
  { port: 7497, label: 'TWS paper', live: false },
  { port: 7496, label: 'TWS live', live: true },
  { port: 4002, label: 'IB Gateway paper', live: false },
  { port: 4001, label: 'IB Gateway live', live: true },
] as const;
export type IbPortPreset = (typeof IB_PORT_PRESETS)[number];

/** The preset a typed port is, if any (a custom port is none). */
export function ibPortPreset(port: NumberField): IbPortPreset | undefined {
  return IB_PORT_PRESETS.find((p) => p.port === port);
}

/** Venue names a new connection is called by (ccxt by its exchange). */
const VENUE_NAMES: Record<Exclude<SourceKind, 'ccxt'>, string> = { yahoo: 'Yahoo', ib: 'Interactive Brokers', alpaca: 'Alpaca' };

/** What a new connection is called until the user names it: the venue, numbered when taken. */
export function defaultName(kind: SourceKind, exchange: CcxtExchange, taken: readonly string[] = []): string {
  const base = kind === 'ccxt' ? EXCHANGE_LABELS[exchange] : VENUE_NAMES[kind];
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/** The schema's own defaults, read from it so the form and the core never disagree. */
function schemaDefaults(): { settings: ConnectionSettings; ib: IbSettings; alpaca: AlpacaSettings } {
  return {
    settings: ConnectionSettingsSchema.parse({ name: 'x', kind: 'ccxt', exchange: 'binance' }),
    ib: IbSettingsSchema.parse({}),
    alpaca: AlpacaSettingsSchema.parse({}),
  };
}

export function newConnectionForm(taken: readonly string[] = []): ConnectionForm {
  const { settings: d, ib, alpaca } = schemaDefaults();
  return {
    kind: 'ccxt',
    exchange: 'binance',
    name: defaultName('ccxt', 'binance', taken),
    nameEdited: false,
    restUrl: '',
    wsUrl: '',
    tradingUrl: '',
    ibHost: ib.host,
    ibPort: ib.port,
    ibClientId: ib.clientId,
    ibLive: ib.live,
    ibRegularHoursOnly: ib.regularHoursOnly,
    alpacaEnvironment: alpaca.environment,
    alpacaFeed: alpaca.feed,
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

/**
 * A saved connection in the form (its keys are never shown: they stay empty unless retyped). The
 * boxes of the other kinds keep their defaults, so switching kind while editing starts sensibly.
 */
export function formFromSettings(s: ConnectionSettings): ConnectionForm {
  const { ib, alpaca } = schemaDefaults();
  const savedIb = s.ib ?? ib;
  const savedAlpaca = s.alpaca ?? alpaca;
  return {
    kind: s.kind,
    exchange: s.exchange ?? 'binance',
    name: s.name,
    nameEdited: true,
    restUrl: s.urls.rest ?? '',
    wsUrl: s.urls.ws ?? '',
    tradingUrl: s.urls.trading ?? '',
    ibHost: savedIb.host,
    ibPort: savedIb.port,
    ibClientId: savedIb.clientId,
    ibLive: savedIb.live,
    ibRegularHoursOnly: savedIb.regularHoursOnly,
    alpacaEnvironment: savedAlpaca.environment,
    alpacaFeed: savedAlpaca.feed,
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

/** Whether a venue of this kind takes API keys: Yahoo needs none, and TWS holds the IB login itself. */
export function takesKeys(kind: SourceKind): boolean {
  return kind === 'ccxt' || kind === 'alpaca';
}

/** Alpaca answers nothing without keys (market data included); exchanges serve market data without. */
export function needsKeys(kind: SourceKind): boolean {
  return kind === 'alpaca';
}
