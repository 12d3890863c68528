import { describe, expect, it } from 'vitest';
import { connectionRequests } from '../../../../src-shared/contract/connections.contract.ts';
import type { ConnectionSettings } from '../../../../src-shared/domain/connection.ts';
import {
  defaultName, formFromSettings, ibPortPreset, newConnectionForm, takesKeys, withVenue, type ConnectionForm,
} from '../../../../src-renderer/pages/connections/form/connection-form.ts';
import { fieldErrorsFromFailure, fieldOfIssuePath } from '../../../../src-renderer/pages/connections/form/field-errors.ts';
import { toSaveInput } from '../../../../src-renderer/pages/connections/form/save-input.ts';

/** A new form switched to Interactive Brokers, as the Source cards do it. */
const ib = (patch: Partial<ConnectionForm> = {}): ConnectionForm => ({ ...withVenue(newConnectionForm(), 'ib', 'binance', []), ...patch });

describe('an Interactive Brokers connection in the form', () => {
  it('is named after the venue, numbered when taken, and takes no keys', () => {
    expect(ib().name).toBe('Interactive Brokers');
    expect(defaultName('ib', 'binance', ['interactive brokers'])).toBe('Interactive Brokers 2');
    expect(takesKeys('ib')).toBe(false);
  });

  it('sends host, port, client id, live mode and hours under `ib`, with no exchange, URLs, Alpaca part or keys', () => {
    const checked = toSaveInput(ib({ restUrl: 'http://ignored', wsUrl: 'ws://ignored', tradingUrl: 'http://ignored', apiKey: 'k', secret: 's' }));
    expect(checked.errors).toBeNull();
    expect(checked.input).toEqual({
      settings: {
        name: 'Interactive Brokers', kind: 'ib', urls: {},
        ib: { host: '127.0.0.1', port: 7497, clientId: 17, live: 'bars', regularHoursOnly: true },
        heartbeatSeconds: 15, pollSeconds: 60, breaker: { failureThreshold: 5, openSeconds: 30 },
        backoff: { initialMs: 1000, maxMs: 60000, attemptsBeforeDown: 8 }, priority: 10,
      },
    });
    expect(connectionRequests['connections.save'].input.safeParse(checked.input).success).toBe(true);
  });

  it('carries what the user chose: IB Gateway live on another machine, client id 0, tick-by-tick, extended hours', () => {
    const checked = toSaveInput(ib({ ibHost: ' 10.0.0.5 ', ibPort: 4001, ibClientId: 0, ibLive: 'ticks', ibRegularHoursOnly: false }));
    expect(checked.input!.settings.ib).toEqual({ host: '10.0.0.5', port: 4001, clientId: 0, live: 'ticks', regularHoursOnly: false });
  });

  it('names each bad box: an empty host, an empty port, a port above 65535, a fractional or negative client id', () => {
    expect(toSaveInput(ib({ ibHost: '  ', ibPort: '', ibClientId: '' })).errors).toEqual({
      ibHost: 'host is empty', ibPort: 'Enter a number', ibClientId: 'Enter a number',
    });
    const out = toSaveInput(ib({ ibPort: 70_000, ibClientId: 1.5 })).errors!;
    expect(out.ibPort).toBe('Too big: expected number to be <=65535');
    expect(out.ibClientId).toBe('Invalid input: expected int, received number');
    expect(Object.keys(toSaveInput(ib({ ibClientId: -1 })).errors!)).toEqual(['ibClientId']);
  });

  it('does not ask for the IB boxes of another kind: an empty port on a ccxt connection is no problem', () => {
    expect(toSaveInput({ ...newConnectionForm(), ibPort: '', ibHost: '' }).errors).toBeNull();
  });

  it('round-trips a saved connection, every IB box filled', () => {
    const settings: ConnectionSettings = {
      name: 'Gateway live', kind: 'ib', urls: {}, ib: { host: 'tws.local', port: 4001, clientId: 3, live: 'ticks', regularHoursOnly: false },
      heartbeatSeconds: 20, pollSeconds: 60, breaker: { failureThreshold: 4, openSeconds: 45 }, backoff: { initialMs: 500, maxMs: 30_000, attemptsBeforeDown: 6 },
      priority: 1,
    };
    const f = formFromSettings(settings);
    expect(f).toMatchObject({ kind: 'ib', ibHost: 'tws.local', ibPort: 4001, ibClientId: 3, ibLive: 'ticks', ibRegularHoursOnly: false });
    expect(toSaveInput(f, { id: 'con_abcdef', hasCredentials: false }).input).toEqual({ connectionId: 'con_abcdef', settings });
  });

  it('knows the port presets: 7497 / 7496 TWS paper / live, 4002 / 4001 IB Gateway paper / live', () => {
    expect(ibPortPreset(7497)).toMatchObject({ label: 'TWS paper', live: false });
    expect(ibPortPreset(7496)).toMatchObject({ label: 'TWS live', live: true });
    expect(ibPortPreset(4002)).toMatchObject({ label: 'IB Gateway paper', live: false });
    expect(ibPortPreset(4001)).toMatchObject({ label: 'IB Gateway live', live: true });
    expect(ibPortPreset(7500)).toBeUndefined();
    expect(ibPortPreset('')).toBeUndefined();
  });
});

describe('the core\'s refusal of IB and Alpaca settings, by field', () => {
  it('maps the nested paths onto their boxes', () => {
    expect(fieldOfIssuePath('settings.ib.host')).toBe('ibHost');
    expect(fieldOfIssuePath('settings.ib.port')).toBe('ibPort');
    expect(fieldOfIssuePath(['settings', 'ib', 'clientId'])).toBe('ibClientId');
    expect(fieldOfIssuePath('settings.ib.live')).toBe('ibLive');
    expect(fieldOfIssuePath('settings.ib.regularHoursOnly')).toBe('ibRegularHoursOnly');
    expect(fieldOfIssuePath('settings.urls.trading')).toBe('tradingUrl');
    expect(fieldOfIssuePath('settings.alpaca.environment')).toBe('alpacaEnvironment');
    expect(fieldOfIssuePath('settings.alpaca.feed')).toBe('alpacaFeed');
  });

  it('keeps an issue about the IB part as a whole as the form message', () => {
    const errors = fieldErrorsFromFailure({
      code: 'VALIDATION_FAILED',
      message: 'Invalid input',
      details: { issues: [
        { path: 'settings.ib', message: 'an Interactive Brokers connection needs a host, port and client id' },
        { path: 'settings.ib.port', message: 'Too big: expected number to be <=65535' },
        { path: 'settings.urls.trading', message: 'must start with http:// or https://' },
      ] },
    });
    expect(errors).toEqual({
      form: 'settings.ib: an Interactive Brokers connection needs a host, port and client id',
      ibPort: 'Too big: expected number to be <=65535',
      tradingUrl: 'must start with http:// or https://',
    });
  });
});
