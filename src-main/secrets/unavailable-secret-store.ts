import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * Stands in when the secrets file cannot be opened (another machine's key, a damaged file): the app
 * still starts and keyless connections work, while every use of a key says why it cannot be had —
 * and the file itself is left untouched for the user to restore or remove.
 */
export class UnavailableSecretStore implements SecretStore {
  constructor(private readonly reason: string) {}

  get(): string | null {
    return null;
  }

  has(): boolean {
    return false;
  }

  set(): void {
    throw new AppFailure('WORKSPACE_UNAVAILABLE', `Keys cannot be stored: ${this.reason}`);
  }

  delete(): boolean {
    throw new AppFailure('WORKSPACE_UNAVAILABLE', `Keys cannot be removed: ${this.reason}`);
  }
}
