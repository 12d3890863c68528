import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppFailure } from '../../src-shared/contract/errors.ts';

/**
 * The bytes of `secrets.bin`: every secret of a workspace in one AES-256-GCM message.
 *
 *   0..4    "CWS1"  (magic and format version; also authenticated, as additional data)
 *   4..16   IV, 12 random bytes, new on every write
 *   16..32  GCM authentication tag
 *   32..    ciphertext of the UTF-8 JSON object { name: value }
 *
 * The file key is derived from the master key with HKDF, so the master key itself never encrypts
 * anything and could later key other things without two uses of one key.
 */
const MAGIC = Buffer.from('CWS1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES + TAG_BYTES;
export const MASTER_KEY_BYTES = 32;

/** The one message every "cannot read the secrets" failure starts with, so the user knows what broke. */
export const UNREADABLE = "the secrets file cannot be decrypted with this machine's key";

export function fileKey(masterKey: Uint8Array): Buffer {
  if (masterKey.length !== MASTER_KEY_BYTES) {
    throw new RangeError(`the master key must be ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}`);
  }
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'candlewick secrets.bin v1', 32));
}

export function seal(secrets: ReadonlyMap<string, string>, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(MAGIC);
  const plain = Buffer.from(JSON.stringify(Object.fromEntries(secrets)), 'utf8');
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

/** Decrypts and checks `bytes`; any failure is an AppFailure naming the file and what is wrong. */
export function unseal(bytes: Buffer, key: Buffer, file: string): Map<string, string> {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    const newer = bytes.subarray(0, 3).toString('ascii') === 'CWS' && bytes.length >= HEADER_BYTES;
    throw unreadable(file, newer ? 'it was written by a newer version of Candlewick' : 'it is not a Candlewick secrets file');
  }
  const iv = bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = bytes.subarray(MAGIC.length + IV_BYTES, HEADER_BYTES);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(MAGIC);
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    // GCM cannot tell a wrong key from a changed file; both fail the same authentication.
    throw unreadable(file, 'the integrity check failed (a different key, or the file was changed)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain.toString('utf8'));
  } finally {
    plain.fill(0);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unreadable(file, 'its content is not a table of secrets');
  const secrets = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw unreadable(file, `the secret "${name}" is not text`);
    secrets.set(name, value);
  }
  return secrets;
}

function unreadable(file: string, why: string): AppFailure {
  return new AppFailure('WORKSPACE_UNAVAILABLE', `${capitalize(UNREADABLE)}: ${file}: ${why}. The file was left untouched.`, { file });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
