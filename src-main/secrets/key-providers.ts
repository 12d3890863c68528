import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import { createFileExclusive } from './atomic-write.ts';
import { MASTER_KEY_BYTES } from './sealed-secrets.ts';

/** Where the 32-byte master key of the secrets file comes from (docs/decisions/0022-secrets-store.md). */
export interface KeyProvider {
  /** The master key; created (and kept where this provider keeps it) on first use. */
  masterKey(): Promise<Buffer>;
}

export const MASTER_KEY_ENV = 'CANDLEWICK_MASTER_KEY';
/** The safeStorage-wrapped master key, inside the workspace (useless without this user's OS keychain). */
export const WRAPPED_KEY_FILE = 'master-key.safestorage';

/**
 * What the Electron shell passes: safeStorage, or a wrapper of its `encryptStringAsync` /
 * `decryptStringAsync` (either sync or async results are accepted).
 */
export interface SafeStorageLike {
  encryptString(plainText: string): Buffer | Promise<Buffer>;
  decryptString(encrypted: Buffer): string | Promise<string>;
  isEncryptionAvailable?(): boolean;
  /** Linux only: 'basic_text' means safeStorage stores with a hard-coded password — not encryption. */
  getSelectedStorageBackend?(): string;
}

/** Desktop: a random master key, stored in the workspace only as safeStorage encrypted it. */
export function safeStorageKeyProvider(safeStorage: SafeStorageLike, workspaceDir: string): KeyProvider {
  const file = join(workspaceDir, WRAPPED_KEY_FILE);
  return {
    async masterKey() {
      if (safeStorage.isEncryptionAvailable?.() === false) {
        throw new AppFailure('WORKSPACE_UNAVAILABLE', 'Electron safeStorage cannot encrypt on this system, so API keys cannot be stored safely');
      }
      if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
        throw new AppFailure(
          'WORKSPACE_UNAVAILABLE',
          'No OS keyring is available (safeStorage backend "basic_text" only obfuscates), so API keys cannot be stored safely. ' +
            `Install a keyring (GNOME Keyring, KWallet) or run headless with ${MASTER_KEY_ENV}.`,
        );
      }
      let wrapped = readIfExists(file);
      if (wrapped === null) {
        const key = randomBytes(MASTER_KEY_BYTES);
        if (createFileExclusive(file, await safeStorage.encryptString(key.toString('hex')))) return key;
        wrapped = readFileSync(file);
      }
      let hex: string;
      try {
        hex = await safeStorage.decryptString(wrapped);
      } catch {
        throw new AppFailure(
          'WORKSPACE_UNAVAILABLE',
          `The secrets key ${file} cannot be unwrapped by this user's keychain (was the workspace copied from another machine or user?). It was left untouched.`,
        );
      }
      return parseHexKey(hex, `the unwrapped key in ${file}`);
    },
  };
}

/** `$XDG_CONFIG_HOME/candlewick/master.key`, else `~/.config/candlewick/master.key`: outside any workspace. */
export function defaultKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.trim() !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(config, 'candlewick', 'master.key');
}

/**
 * Headless: the key from CANDLEWICK_MASTER_KEY (64 hex characters) when set, else from a key file
 * in the user's config folder, created with a random key (mode 0600) the first time.
 */
export function headlessKeyProvider(options: { env?: NodeJS.ProcessEnv; keyFile?: string } = {}): KeyProvider {
  const env = options.env ?? process.env;
  const keyFile = options.keyFile ?? defaultKeyFile(env);
  return {
    async masterKey() {
      const fromEnv = env[MASTER_KEY_ENV];
      if (fromEnv !== undefined && fromEnv !== '') return parseHexKey(fromEnv, MASTER_KEY_ENV);
      const existing = readIfExists(keyFile);
      if (existing !== null) return parseHexKey(existing.toString('utf8'), `the key file ${keyFile}`);
      mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
      const key = randomBytes(MASTER_KEY_BYTES);
      // Hex text, so the key can be moved to another machine's CANDLEWICK_MASTER_KEY by hand.
      if (createFileExclusive(keyFile, Buffer.from(`${key.toString('hex')}\n`, 'ascii'))) return key;
      // Another process created it in the meantime: its key wins.
      return parseHexKey(readFileSync(keyFile, 'utf8'), `the key file ${keyFile}`);
    },
  };
}

/** A fixed key held in memory (tests, or a composition root that got the key elsewhere). */
export function staticKeyProvider(key: Uint8Array): KeyProvider {
  const copy = Buffer.from(key);
  if (copy.length !== MASTER_KEY_BYTES) throw new RangeError(`the master key must be ${MASTER_KEY_BYTES} bytes, got ${copy.length}`);
  return { masterKey: async () => Buffer.from(copy) };
}

// The value is never quoted back: a message may end up in a log, and this is the key.
function parseHexKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    const what = /^[0-9a-fA-F]*$/.test(hex) ? `${hex.length} hex characters` : 'characters other than 0-9 and a-f';
    throw new AppFailure('WORKSPACE_UNAVAILABLE', `${capitalize(where)} must be 64 hexadecimal characters (a 32-byte key); it has ${what}`);
  }
  return Buffer.from(hex, 'hex');
}

function readIfExists(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
