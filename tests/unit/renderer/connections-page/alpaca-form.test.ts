import { describe, expect, it } from 'vitest';
import { connectionRequests } from '../../../../src-shared/contract/connections.contract.ts';
import type { ConnectionSettings } from '../../../../src-shared/domain/connection.ts';
import {
  defaultName, formFromSettings, needsKeys, newConnectionForm, takesKeys, withVenue, type ConnectionForm,
} from '../../../../src-renderer/pages/connections/form/connection-form.ts';
import { toSaveInput } from '../../../../src-renderer/pages/connections/form/save-input.ts';

/** A new form switched to Alpaca, as the Source cards do it. */
const alpaca = (patch: Partial<ConnectionForm> = {}): ConnectionForm => ({ ...withVenue(newConnectionForm(), 'alpaca', 'binance', []), ...patch });
const KEYS = { apiKey: ' PKTEST1 ', secret: 'sec/ret' };

describe('an Alpaca connection in the form', () => {
  it('is named Alpaca and needs keys (exchanges take them optionally)', () => {
    expect(alpaca().name).toBe('Alpaca');
    expect(defaultName('alpaca', 'binance', ['Alpaca', 'Alpaca 2'])).toBe('Alpaca 3');
    expect([takesKeys('alpaca'), needsKeys('alpaca'), needsKeys('ccxt')]).toEqual([true, true, false]);
  });

  it('sends paper / IEX by default with the typed keys, and never a passphrase', () => {
    const checked = toSaveInput(alpaca({ ...KEYS, password: 'typed-for-okx-before' }));
    expect(checked.errors).toBeNull();
    expect(checked.input).toEqual({
      settings: {
        name: 'Alpaca', kind: 'alpaca', urls: {}, alpaca: { environment: 'paper', feed: 'iex' },
        heartbeatSeconds: 15, pollSeconds: 60, breaker: { failureThreshold: 5, openSeconds: 30 },
        backoff: { initialMs: 1000, maxMs: 60000, attemptsBeforeDown: 8 }, priority: 10,
      },
      credentials: { apiKey: 'PKTEST1', secret: 'sec/ret' },
    });
    expect(connectionRequests['connections.save'].input.safeParse(checked.input).success).toBe(true);
  });

  it('refuses a new connection without keys, under both key boxes', () => {
    const checked = toSaveInput(alpaca());
    expect(checked.input).toBeNull();
    expect(checked.errors).toEqual({ apiKey: 'Alpaca needs keys to connect: enter the API key ID', secret: 'Enter the secret key too' });
  });

  it('names the missing half of a key pair without suggesting to clear the other', () => {
    expect(toSaveInput(alpaca({ apiKey: 'PK1' })).errors).toEqual({ secret: 'Enter the secret too' });
    expect(toSaveInput(alpaca({ secret: 's' })).errors).toEqual({ apiKey: 'Enter the API key too' });
  });

  it('keeps the stored keys when editing with empty boxes, replaces them when typed', () => {
    const editing = { id: 'con_alpaca1', hasCredentials: true };
    const kept = toSaveInput(alpaca(), editing);
    expect(kept.errors).toBeNull();
    expect('credentials' in kept.input!).toBe(false);
    expect(toSaveInput(alpaca(KEYS), editing).input!.credentials).toEqual({ apiKey: 'PKTEST1', secret: 'sec/ret' });
  });

  it('refuses "Remove keys" on Alpaca with a message the user can see (the key boxes are hidden then)', () => {
    const checked = toSaveInput(alpaca({ removeKeys: true, ...KEYS }), { id: 'con_alpaca1', hasCredentials: true });
    expect(checked.input).toBeNull();
    expect(checked.errors).toEqual({ form: 'Alpaca needs keys to connect: press "Keep keys", then type new ones to replace the stored keys' });
  });

  it('carries live / SIP and the three URL overrides (trimmed)', () => {
    const checked = toSaveInput(alpaca({
      ...KEYS, alpacaEnvironment: 'live', alpacaFeed: 'sip',
      restUrl: ' http://127.0.0.1:4010 ', wsUrl: 'ws://127.0.0.1:4011', tradingUrl: 'http://127.0.0.1:4012 ',
    }));
    expect(checked.errors).toBeNull();
    expect(checked.input!.settings.alpaca).toEqual({ environment: 'live', feed: 'sip' });
    expect(checked.input!.settings.urls).toEqual({ rest: 'http://127.0.0.1:4010', ws: 'ws://127.0.0.1:4011', trading: 'http://127.0.0.1:4012' });
  });

  it('names a URL of the wrong scheme under its own box', () => {
    const checked = toSaveInput(alpaca({ ...KEYS, restUrl: 'wss://data', wsUrl: 'https://stream', tradingUrl: 'ftp://trading' }));
    expect(checked.errors).toEqual({
      restUrl: 'must start with http:// or https://',
      wsUrl: 'must start with ws:// or wss://',
      tradingUrl: 'must start with http:// or https://',
    });
  });

  it('does not send a trading URL for other kinds (only Alpaca has a trading API)', () => {
    const checked = toSaveInput({ ...newConnectionForm(), tradingUrl: 'http://127.0.0.1:1' });
    expect(checked.input!.settings.urls).toEqual({});
  });

  it('round-trips a saved connection, every Alpaca box filled, keys never shown', () => {
    const settings: ConnectionSettings = {
      name: 'Alpaca live', kind: 'alpaca', urls: { rest: 'https://proxy.local/data', ws: 'wss://proxy.local/stream', trading: 'https://proxy.local/trade' },
      alpaca: { environment: 'live', feed: 'sip' }, requestsPerMinute: 200, heartbeatSeconds: 10, pollSeconds: 60,
      breaker: { failureThreshold: 5, openSeconds: 30 }, backoff: { initialMs: 1000, maxMs: 60_000, attemptsBeforeDown: 8 }, priority: 3,
    };
    const f = formFromSettings(settings);
    expect(f).toMatchObject({ alpacaEnvironment: 'live', alpacaFeed: 'sip', tradingUrl: 'https://proxy.local/trade', apiKey: '', secret: '' });
    expect(toSaveInput(f, { id: 'con_alpaca1', hasCredentials: true }).input).toEqual({ connectionId: 'con_alpaca1', settings });
  });

  it('shows paper / IEX (the schema defaults) for a saved connection that has no `alpaca` part', () => {
    const settings: ConnectionSettings = {
      name: 'Old Alpaca', kind: 'alpaca', urls: {}, heartbeatSeconds: 15, pollSeconds: 60, breaker: { failureThreshold: 5, openSeconds: 30 },
      backoff: { initialMs: 1000, maxMs: 60_000, attemptsBeforeDown: 8 }, priority: 10,
    };
    expect(formFromSettings(settings)).toMatchObject({ alpacaEnvironment: 'paper', alpacaFeed: 'iex' });
  });
});

describe('"Remove keys" on an exchange', () => {
  it('removes the stored keys even when keys were typed before the boxes were hidden', () => {
    const checked = toSaveInput({ ...newConnectionForm(), apiKey: 'k', secret: 's', removeKeys: true }, { id: 'con_abcdef', hasCredentials: true });
    expect(checked.input!.credentials).toBeNull();
  });
});
