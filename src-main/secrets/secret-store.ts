import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, type AtomicWriteIo } from './atomic-write.ts';
import type { KeyProvider } from './key-providers.ts';
import { fileKey, seal, unseal } from './sealed-secrets.ts';

/**
 * Named secrets (API keys, as JSON text) of one workspace. Reads and writes are synchronous: the
 * whole table is small and lives decrypted only in memory; the file is rewritten on each change.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  /** True when there was such a secret. */
  delete(name: string): boolean;
  has(name: string): boolean;
}

export const SECRETS_FILE = 'secrets.bin';
const MAX_NAME_LENGTH = 200;
const MAX_VALUE_LENGTH = 64 * 1024;

/**
 * The secrets of `workspaceDir`, encrypted with the key `keys` provides; an in-memory store for a
 * ':memory:' workspace. Rejects with a clear AppFailure when an existing file cannot be decrypted.
 */
export async function openSecretStore(workspaceDir: string, keys: KeyProvider): Promise<SecretStore> {
  if (workspaceDir === ':memory:') return new MemorySecretStore();
  return FileSecretStore.open(join(workspaceDir, SECRETS_FILE), await keys.masterKey());
}

/** Secrets that last as long as the process: for ':memory:' workspaces and tests. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  get(name: string): string | null {
    return this.secrets.get(checkName(name)) ?? null;
  }

  set(name: string, value: string): void {
    this.secrets.set(checkName(name), checkValue(name, value));
  }

  delete(name: string): boolean {
    return this.secrets.delete(checkName(name));
  }

  has(name: string): boolean {
    return this.secrets.has(checkName(name));
  }
}

/**
 * Every secret in one AES-256-GCM encrypted file (sealed-secrets.ts), replaced atomically on each
 * change, mode 0600. Plain text exists only in this object's memory, never on disk.
 */
export class FileSecretStore implements SecretStore {
  private constructor(
    private readonly file: string,
    private readonly key: Buffer,
    private secrets: Map<string, string>,
    private readonly io: AtomicWriteIo | undefined,
  ) {}

  /** Reads `file` if it exists (an unreadable one is an error, and is never overwritten). */
  static open(file: string, masterKey: Uint8Array, io?: AtomicWriteIo): FileSecretStore {
    const key = fileKey(masterKey);
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new FileSecretStore(file, key, bytes === null ? new Map() : unseal(bytes, key, file), io);
  }

  get(name: string): string | null {
    return this.secrets.get(checkName(name)) ?? null;
  }

  set(name: string, value: string): void {
    checkName(name);
    if (this.secrets.get(name) === checkValue(name, value)) return;
    this.commit(new Map(this.secrets).set(name, value));
  }

  delete(name: string): boolean {
    if (!this.secrets.has(checkName(name))) return false;
    const next = new Map(this.secrets);
    next.delete(name);
    this.commit(next);
    return true;
  }

  has(name: string): boolean {
    return this.secrets.has(checkName(name));
  }

  // Memory changes only once the file holds the new table, so a failed write changes nothing.
  private commit(next: Map<string, string>): void {
    writeFileAtomic(this.file, seal(next, this.key), 0o600, this.io);
    this.secrets = next;
  }
}

function checkName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new RangeError('A secret needs a name');
  if (name.length > MAX_NAME_LENGTH) throw new RangeError(`A secret's name may have at most ${MAX_NAME_LENGTH} characters, "${name.slice(0, 40)}…" has ${name.length}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new RangeError(`The secret name ${JSON.stringify(name)} contains control characters`);
  return name;
}

// The value is never quoted in a message: it is the secret.
function checkValue(name: string, value: string): string {
  if (typeof value !== 'string') throw new TypeError(`The secret "${name}" must be text`);
  if (value.length > MAX_VALUE_LENGTH) throw new RangeError(`The secret "${name}" is too long (${value.length} characters; at most ${MAX_VALUE_LENGTH})`);
  return value;
}
