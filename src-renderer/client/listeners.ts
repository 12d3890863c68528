/** One set of listeners; a throwing listener is reported and does not starve the others. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) callSafely(listener, value);
  }
}

/** Listeners keyed by event name, so a transport knows when to (un)subscribe upstream. */
export class ListenerSets<T> {
  private readonly byName = new Map<string, Set<(value: T) => void>>();

  /** Adds a listener; true when it is the first one for `name`. */
  add(name: string, listener: (value: T) => void): boolean {
    const existing = this.byName.get(name);
    if (existing) {
      existing.add(listener);
      return false;
    }
    this.byName.set(name, new Set([listener]));
    return true;
  }

  /** Removes a listener; true when it was the last one for `name`. */
  remove(name: string, listener: (value: T) => void): boolean {
    const set = this.byName.get(name);
    if (!set?.delete(listener) || set.size > 0) return false;
    this.byName.delete(name);
    return true;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  emit(name: string, value: T): void {
    const set = this.byName.get(name);
    if (set) for (const listener of [...set]) callSafely(listener, value);
  }
}

function callSafely<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch (error) {
    reportError(error);
  }
}
