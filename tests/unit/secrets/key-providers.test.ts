import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultKeyFile, headlessKeyProvider, safeStorageKeyProvider, WRAPPED_KEY_FILE, type SafeStorageLike,
} from '../../../src-main/secrets/key-providers.ts';

/** Stands in for Electron's safeStorage: AES with a key only "this machine" (this object) has. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike & { machineKey: Buffer } {
  const machineKey = randomBytes(32);
  return {
    machineKey,
    async encryptString(text) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', machineKey, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    async decryptString(data) {
      const d = createDecipheriv('aes-256-gcm', machineKey, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
  };
}

describe('key providers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('headless: creates a random key file (mode 0600) outside the workspace once, then reads it', async () => {
    const keyFile = join(dir, 'config', 'candlewick', 'master.key');
    const provider = headlessKeyProvider({ env: {}, keyFile });
    const first = await provider.masterKey();
    expect(first).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toBe(`${first.toString('hex')}\n`);
    expect((await headlessKeyProvider({ env: {}, keyFile }).masterKey()).equals(first)).toBe(true);
    expect(readdirSync(join(dir, 'config', 'candlewick'))).toEqual(['master.key']);
  });

  it('headless: CANDLEWICK_MASTER_KEY wins when set, and no key file is made', async () => {
    const hex = randomBytes(32).toString('hex');
    const keyFile = join(dir, 'master.key');
    const key = await headlessKeyProvider({ env: { CANDLEWICK_MASTER_KEY: hex.toUpperCase() }, keyFile }).masterKey();
    expect(key.toString('hex')).toBe(hex);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('headless: a malformed key is refused without echoing it', async () => {
    const bad = 'deadbeef'.repeat(7); // 56 hex characters
    const err = await headlessKeyProvider({ env: { CANDLEWICK_MASTER_KEY: bad } }).masterKey().catch((e: Error) => e);
    expect((err as Error).message).toBe('CANDLEWICK_MASTER_KEY must be 64 hexadecimal characters (a 32-byte key); it has 56 hex characters');
    const keyFile = join(dir, 'master.key');
    writeFileSync(keyFile, 'not-a-key-at-all');
    const err2 = await headlessKeyProvider({ env: {}, keyFile }).masterKey().catch((e: Error) => e);
    expect((err2 as Error).message).toMatch(/^The key file .*master\.key must be 64 hexadecimal characters .* other than 0-9 and a-f$/);
    expect((err2 as Error).message).not.toContain('not-a-key');
    expect(readFileSync(keyFile, 'utf8')).toBe('not-a-key-at-all');
  });

  it('headless: the default key file is under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(defaultKeyFile({ XDG_CONFIG_HOME: '/cfg' })).toBe(join('/cfg', 'candlewick', 'master.key'));
    expect(defaultKeyFile({})).toMatch(/\.config[/\\]candlewick[/\\]master\.key$/);
  });

  it('desktop: keeps the master key in the workspace only as safeStorage encrypted it', async () => {
    const safe = fakeSafeStorage();
    const key = await safeStorageKeyProvider(safe, dir).masterKey();
    const wrapped = readFileSync(join(dir, WRAPPED_KEY_FILE));
    expect(wrapped.includes(key)).toBe(false);
    expect(wrapped.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(statSync(join(dir, WRAPPED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect((await safeStorageKeyProvider(safe, dir).masterKey()).equals(key)).toBe(true);
  });

  it("desktop: another machine's safeStorage cannot unwrap a copied workspace's key", async () => {
    await safeStorageKeyProvider(fakeSafeStorage(), dir).masterKey();
    const before = readFileSync(join(dir, WRAPPED_KEY_FILE));
    const elsewhere = await safeStorageKeyProvider(fakeSafeStorage(), dir).masterKey().catch((e: Error) => e);
    expect((elsewhere as Error).message).toMatch(/cannot be unwrapped by this user's keychain \(was the workspace copied/);
    expect(readFileSync(join(dir, WRAPPED_KEY_FILE)).equals(before)).toBe(true);
  });

  it("desktop: refuses Linux's basic_text backend, which is not encryption", async () => {
    const err = await safeStorageKeyProvider(fakeSafeStorage('basic_text'), dir).masterKey().catch((e: Error) => e);
    expect((err as Error).message).toMatch(/basic_text/);
    expect(existsSync(join(dir, WRAPPED_KEY_FILE))).toBe(false);
  });
});
