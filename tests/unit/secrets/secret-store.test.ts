import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore, MemorySecretStore, openSecretStore, SECRETS_FILE } from '../../../src-main/secrets/secret-store.ts';
import { staticKeyProvider } from '../../../src-main/secrets/key-providers.ts';

const CREDENTIALS = JSON.stringify({ apiKey: 'AKIA-PLAINTEXT-KEY-42', secret: 'very-secret-value-9f8e7d' });

describe('FileSecretStore', () => {
  let dir: string;
  let file: string;
  const key = randomBytes(32);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-secrets-'));
    file = join(dir, SECRETS_FILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips secrets through the file, and a fresh store reads them back', () => {
    const store = FileSecretStore.open(file, key);
    expect(store.get('connection:con_a')).toBeNull();
    store.set('connection:con_a', CREDENTIALS);
    store.set('connection:con_b', 'ünïcødé ✓');
    expect(store.delete('connection:con_b')).toBe(true);
    expect(store.delete('connection:con_b')).toBe(false);
    const again = FileSecretStore.open(file, key);
    expect(again.get('connection:con_a')).toBe(CREDENTIALS);
    expect(again.has('connection:con_a')).toBe(true);
    expect(again.has('connection:con_b')).toBe(false);
  });

  it('never writes the plain text: neither the values nor the names are in the bytes', () => {
    const store = FileSecretStore.open(file, key);
    store.set('connection:con_a', CREDENTIALS);
    const bytes = readFileSync(file);
    for (const needle of ['AKIA-PLAINTEXT-KEY-42', 'very-secret-value-9f8e7d', 'con_a', 'apiKey']) {
      expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
    }
    expect(bytes.includes(key)).toBe(false);
    // Same content written twice encrypts differently (a fresh IV on every write).
    store.set('connection:con_b', 'x');
    store.delete('connection:con_b');
    expect(readFileSync(file).equals(bytes)).toBe(false);
  });

  it('writes the file with mode 0600', () => {
    FileSecretStore.open(file, key).set('a', 'b');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('detects a tampered file, says so clearly, and leaves the file untouched', () => {
    FileSecretStore.open(file, key).set('connection:con_a', CREDENTIALS);
    const bytes = readFileSync(file);
    for (const offset of [5, 20, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[offset]! ^= 0x01;
      writeFileSync(file, tampered);
      expect(() => FileSecretStore.open(file, key)).toThrow(
        /The secrets file cannot be decrypted with this machine's key: .*secrets\.bin: the integrity check failed/,
      );
      expect(readFileSync(file).equals(tampered)).toBe(true);
    }
  });

  it('refuses a wrong key with the same clear error', () => {
    FileSecretStore.open(file, key).set('connection:con_a', CREDENTIALS);
    const before = readFileSync(file);
    expect(() => FileSecretStore.open(file, randomBytes(32))).toThrow(/cannot be decrypted with this machine's key/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a secrets file', () => {
    writeFileSync(file, 'apiKey=hello\n');
    expect(() => FileSecretStore.open(file, key)).toThrow(/it is not a Candlewick secrets file/);
  });

  it('replaces the file atomically: a new file is renamed over the old, and no temp file stays', () => {
    const store = FileSecretStore.open(file, key);
    store.set('a', '1');
    const inode = statSync(file).ino;
    store.set('a', '2');
    expect(statSync(file).ino).not.toBe(inode);
    expect(readdirSync(dir)).toEqual([SECRETS_FILE]);
  });

  it('when the rename fails, the old file and the in-memory table are unchanged and the temp file is gone', () => {
    FileSecretStore.open(file, key).set('a', 'old');
    const before = readFileSync(file);
    const failingRename = { ...fs, renameSync: () => { throw new Error('EIO: disk went away'); } };
    const store = FileSecretStore.open(file, key, failingRename);
    expect(() => store.set('a', 'new')).toThrow('EIO: disk went away');
    expect(store.get('a')).toBe('old');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual([SECRETS_FILE]);
  });

  it('checks names and values without quoting the value', () => {
    const store = FileSecretStore.open(file, key);
    expect(() => store.set('', 'x')).toThrow('A secret needs a name');
    expect(() => store.set('a\nb', 'x')).toThrow(/control characters/);
    const huge = 's3cr3t'.repeat(20_000);
    let message = '';
    try {
      store.set('big', huge);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/The secret "big" is too long \(120000 characters; at most 65536\)/);
    expect(message).not.toContain('s3cr3t');
  });
});

describe('openSecretStore', () => {
  it("keeps a ':memory:' workspace's secrets in memory only", async () => {
    const store = await openSecretStore(':memory:', staticKeyProvider(randomBytes(32)));
    expect(store).toBeInstanceOf(MemorySecretStore);
    store.set('a', 'b');
    expect(store.get('a')).toBe('b');
    expect(store.delete('a')).toBe(true);
    expect(store.has('a')).toBe(false);
  });

  it('opens secrets.bin in the workspace folder with the provider\'s key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-secrets-'));
    try {
      const keys = staticKeyProvider(randomBytes(32));
      (await openSecretStore(dir, keys)).set('a', 'b');
      expect(readdirSync(dir)).toEqual([SECRETS_FILE]);
      expect((await openSecretStore(dir, keys)).get('a')).toBe('b');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
