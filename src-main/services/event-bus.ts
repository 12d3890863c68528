import { events, type EventName, type Events } from '../../src-shared/contract/index.ts';
import { checkEvent } from '../../src-shared/contract/router.ts';
import type { z } from 'zod';
import type { CoreEvent } from '../core-api.ts';

/** The core's outgoing events; every payload is checked against the contract before it leaves. */
export class EventBus {
  private readonly listeners = new Set<(event: CoreEvent) => void>();

  emit<E extends EventName>(name: E, payload: z.input<Events[E]>): void {
    checkEvent(events, name, payload);
    for (const listener of this.listeners) listener({ name, payload });
  }

  on(listener: (event: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
