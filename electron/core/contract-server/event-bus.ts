import { events, type EventName, type EventPayload } from '../../common/contract/index.ts';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Push events from the core; each payload is checked against the contract before it leaves. */
export class EventBus {
  /** Each listener, with the event names it wants (undefined: every event). */
  readonly #listeners = new Map<EventListener, ReadonlySet<EventName> | undefined>();

  /**
   * Whether anyone listens for `name`. Some payloads cost work to build (every device's view,
   * several times a second while a batch runs): a core with nobody watching skips it.
   */
  wants(name: EventName): boolean {
    for (const only of this.#listeners.values()) if (!only || only.has(name)) return true;
    return false;
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (!this.wants(name)) return;
    const checked = events[name].parse(payload);
    for (const [listener, only] of this.#listeners) {
      if (only && !only.has(name)) continue;
      try {
        listener(name, checked);
      } catch (error) {
        // One broken subscriber (a closed socket) must not stop the others hearing the event.
        process.emitWarning(`event listener for ${name} failed: ${String(error)}`);
      }
    }
  }

  /** Calls `listener` for every event, or only for the names in `only`; returns the unsubscribe. */
  subscribe(listener: EventListener, only?: readonly EventName[]): () => void {
    this.#listeners.set(listener, only ? new Set(only) : undefined);
    return () => this.#listeners.delete(listener);
  }
}
