import { events, type EventName, type EventPayload } from '../../common/contract/index.ts';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Push events from the core; each payload is checked against the contract before it leaves. */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = events[name].parse(payload);
    for (const listener of this.#listeners) {
      try {
        listener(name, checked);
      } catch (error) {
        // One broken subscriber (a closed socket) must not stop the others hearing the event.
        process.emitWarning(`event listener for ${name} failed: ${String(error)}`);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
