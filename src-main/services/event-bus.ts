import type { EventName, EventPayload } from '../../shared/contract';

type Listener = (event: EventName, payload: unknown) => void;

/**
 * Services publish contract events here; each transport (Electron IPC, the
 * headless host's WebSocket) forwards them to its front ends. Listener errors
 * are contained so one broken window cannot stop the others from updating.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  publish<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A transport that failed to forward must not break the publisher.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
