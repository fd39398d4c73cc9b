import type { z } from 'zod';
import { requests } from './requests.ts';
import { events } from './events.ts';
import type { Result } from './errors.ts';

export { requests } from './requests.ts';
export { events } from './events.ts';
export * from './errors.ts';
export * from './wire.ts';

export type Requests = typeof requests;
export type RequestName = keyof Requests;
/** What a caller may pass (defaults not yet applied). */
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
/** What a handler receives (defaults applied, validated). */
export type ParsedInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestOutput<N extends RequestName> = z.output<Requests[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/**
 * The API every front door offers the renderer (preload's window.depotline, the station's
 * WebSocket client): derived from the contract, never written by hand.
 */
export interface DepotlineApi {
  request<N extends RequestName>(
    name: N,
    ...input: Record<never, never> extends RequestInput<N> ? [RequestInput<N>?] : [RequestInput<N>]
  ): Promise<Result<RequestOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}
