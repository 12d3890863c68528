import { describe, expect, it } from 'vitest';
import { connectionRequests } from '../../../../src-shared/contract/connections.contract.ts';
import type { ConnectionSettings } from '../../../../src-shared/domain/connection.ts';
import {
  defaultName, formFromSettings, newConnectionForm, withVenue, type ConnectionForm,
} from '../../../../src-renderer/pages/connections/form/connection-form.ts';
import { fieldErrorsFromFailure, fieldOfIssuePath } from '../../../../src-renderer/pages/connections/form/field-errors.ts';
import { toSaveInput } from '../../../../src-renderer/pages/connections/form/save-input.ts';

const form = (patch: Partial<ConnectionForm> = {}): ConnectionForm => ({ ...newConnectionForm(), ...patch });

describe('a new connection form', () => {
  it('starts as a Binance ccxt connection with the documented defaults and no keys', () => {
    // The values in src-shared/domain/connection.ts's schema comments: heartbeat 15 s, poll 60 s,
    // breaker 5 failures / 30 s, backoff 1 s … 60 s with 8 attempts before down, priority 10;
    // IB at 127.0.0.1:7497 (TWS paper), client id 17, 5-second bars, regular hours; Alpaca paper, IEX.
    expect(newConnectionForm()).toEqual({
      kind: 'ccxt', exchange: 'binance', name: 'Binance', nameEdited: false, restUrl: '', wsUrl: '', tradingUrl: '',
      ibHost: '127.0.0.1', ibPort: 7497, ibClientId: 17, ibLive: 'bars', ibRegularHoursOnly: true, alpacaEnvironment: 'paper', alpacaFeed: 'iex',
      requestsPerMinute: '',
      heartbeatSeconds: 15, pollSeconds: 60, failureThreshold: 5, openSeconds: 30, backoffInitialMs: 1000, backoffMaxMs: 60000,
      attemptsBeforeDown: 8, priority: 10, apiKey: '', secret: '', password: '', removeKeys: false,
    });
  });

  it('numbers the default name when the venue name is taken (case-insensitively)', () => {
    expect(defaultName('ccxt', 'okx')).toBe('OKX');
    expect(defaultName('ccxt', 'kraken', ['kraken', 'Kraken 2'])).toBe('Kraken 3');
    expect(defaultName('yahoo', 'binance', ['Binance'])).toBe('Yahoo');
    expect(newConnectionForm(['Binance']).name).toBe('Binance 2');
  });

  it('renames with the venue until the user has typed a name', () => {
    const switched = withVenue(form(), 'ccxt', 'kraken', []);
    expect(switched.name).toBe('Kraken');
    expect(withVenue(switched, 'yahoo', 'kraken', []).name).toBe('Yahoo');
    const named = form({ name: 'My desk', nameEdited: true });
    expect(withVenue(named, 'ccxt', 'bybit', []).name).toBe('My desk');
  });
});

describe('the form as a connections.save input', () => {
  it('sends the defaults as settings, no URLs, and no credentials when no key was typed (stored keys kept)', () => {
    const checked = toSaveInput(form());
    expect(checked.errors).toBeNull();
    expect(checked.input).toEqual({
      settings: {
        name: 'Binance', kind: 'ccxt', exchange: 'binance', urls: {}, heartbeatSeconds: 15, pollSeconds: 60,
        breaker: { failureThreshold: 5, openSeconds: 30 }, backoff: { initialMs: 1000, maxMs: 60000, attemptsBeforeDown: 8 }, priority: 10,
      },
    });
    expect('credentials' in checked.input!).toBe(false);
    // What the core will parse: the contract's own schema accepts it.
    expect(connectionRequests['connections.save'].input.safeParse(checked.input).success).toBe(true);
  });

  it('carries the URL overrides (trimmed), the rate limit, the id and new keys', () => {
    const checked = toSaveInput(
      form({ restUrl: ' http://127.0.0.1:4010 ', wsUrl: 'ws://127.0.0.1:4011/ws', requestsPerMinute: 600, apiKey: ' k1 ', secret: 's1', password: 'pp' }),
      { id: 'con_abcdef', hasCredentials: false },
    );
    expect(checked.errors).toBeNull();
    expect(checked.input!.connectionId).toBe('con_abcdef');
    expect(checked.input!.settings.urls).toEqual({ rest: 'http://127.0.0.1:4010', ws: 'ws://127.0.0.1:4011/ws' });
    expect(checked.input!.settings.requestsPerMinute).toBe(600);
    expect(checked.input!.credentials).toEqual({ apiKey: 'k1', secret: 's1', password: 'pp' });
  });

  it('removes stored keys with credentials null ("Remove keys")', () => {
    expect(toSaveInput(form({ removeKeys: true })).input!.credentials).toBeNull();
  });

  it('sends a Yahoo connection without exchange, websocket URL or keys', () => {
    const checked = toSaveInput(form({ kind: 'yahoo', name: 'Yahoo', wsUrl: 'ws://ignored', apiKey: 'k', secret: 's', pollSeconds: 30 }));
    expect(checked.errors).toBeNull();
    expect(checked.input!.settings).toMatchObject({ kind: 'yahoo', urls: {}, pollSeconds: 30 });
    expect(checked.input!.settings.exchange).toBeUndefined();
    expect(checked.input!.credentials).toBeUndefined();
  });

  it('names each bad field: a URL of the wrong scheme, an empty number, backoff max below initial, a half-typed key', () => {
    const checked = toSaveInput(form({ name: '  ', restUrl: 'ws://x', wsUrl: 'http://y', heartbeatSeconds: '', backoffInitialMs: 5000, backoffMaxMs: 2000, apiKey: 'k' }));
    expect(checked.input).toBeNull();
    expect(checked.errors).toMatchObject({
      name: 'name is empty',
      restUrl: 'must start with http:// or https://',
      wsUrl: 'must start with ws:// or wss://',
      heartbeatSeconds: 'Enter a number',
      backoffMaxMs: 'maxMs is below initialMs',
      secret: 'Enter the secret too (or clear the API key)',
    });
  });

  it('refuses numbers outside the schema ranges, under the box that holds them', () => {
    const checked = toSaveInput(form({ priority: 101, failureThreshold: 0, requestsPerMinute: 2.5 }));
    expect(Object.keys(checked.errors!).sort()).toEqual(['failureThreshold', 'priority', 'requestsPerMinute']);
  });
});

describe('a saved connection in the form', () => {
  it('round-trips every setting and never shows keys', () => {
    const settings: ConnectionSettings = {
      name: 'Gateway', kind: 'ccxt', exchange: 'kraken', urls: { rest: 'https://gw.local', ws: 'wss://gw.local/ws' }, requestsPerMinute: 900,
      heartbeatSeconds: 5, pollSeconds: 60, breaker: { failureThreshold: 3, openSeconds: 10 }, backoff: { initialMs: 250, maxMs: 8000, attemptsBeforeDown: 4 }, priority: 2,
    };
    const f = formFromSettings(settings);
    expect(f).toMatchObject({ nameEdited: true, apiKey: '', secret: '', password: '', removeKeys: false, restUrl: 'https://gw.local', backoffInitialMs: 250 });
    expect(toSaveInput(f, { id: 'con_abcdef', hasCredentials: true }).input).toEqual({ connectionId: 'con_abcdef', settings });
  });
});

describe('the core\'s refusal by field', () => {
  it('maps issue paths of the save input onto the form boxes', () => {
    expect(fieldOfIssuePath('settings.backoff.maxMs')).toBe('backoffMaxMs');
    expect(fieldOfIssuePath(['settings', 'urls', 'ws'])).toBe('wsUrl');
    expect(fieldOfIssuePath('credentials.secret')).toBe('secret');
    expect(fieldOfIssuePath('connectionId')).toBe('form');
  });

  it('places VALIDATION_FAILED issues by field and keeps the rest as the form message', () => {
    const errors = fieldErrorsFromFailure({
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: settings.urls.rest: not a URL (and 2 more)',
      details: { issues: [
        { path: 'settings.urls.rest', message: 'not a URL' },
        { path: 'settings.priority', message: 'Too big' },
        { path: 'connectionId', message: 'not a connection id' },
      ] },
    });
    expect(errors).toEqual({ restUrl: 'not a URL', priority: 'Too big', form: 'connectionId: not a connection id' });
  });

  it('shows any other failure as one message', () => {
    expect(fieldErrorsFromFailure({ code: 'SOURCE_FAILED', message: 'binance: 401 Unauthorized' })).toEqual({ form: 'binance: 401 Unauthorized' });
    expect(fieldErrorsFromFailure({ code: 'VALIDATION_FAILED', message: 'Invalid', details: { issues: 'nope' } })).toEqual({ form: 'Invalid' });
  });
});
