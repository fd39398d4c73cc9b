// Ports lockdownd opens for StartService. Like a real device, each port takes one
// connection and is forgotten if nobody connects in time; numbers come from the dynamic
// range so a host cannot assume a fixed port per service.
import type { SecureContext } from 'node:tls';
import type { LabIosService } from '../services/service-api.ts';

const FIRST_PORT = 49152;
const LAST_PORT = 65535;
/** How long a started service waits for its connection. */
const OPEN_FOR_MS = 60_000;

export interface OpenServicePort {
  service: LabIosService;
  tls: SecureContext | undefined;
}

export class ServicePorts {
  readonly #open = new Map<number, OpenServicePort & { timer: NodeJS.Timeout }>();
  #next: number;

  constructor(firstOffset = 0) {
    this.#next = FIRST_PORT + (firstOffset % 1000);
  }

  open(service: LabIosService, tls: SecureContext | undefined): number {
    let port = this.#next;
    while (this.#open.has(port)) port = port >= LAST_PORT ? FIRST_PORT : port + 1;
    this.#next = port >= LAST_PORT ? FIRST_PORT : port + 1;
    const timer = setTimeout(() => this.#open.delete(port), OPEN_FOR_MS);
    timer.unref();
    this.#open.set(port, { service, tls, timer });
    return port;
  }

  has(port: number): boolean {
    return this.#open.has(port);
  }

  /** The service waiting on `port`, which then stops listening; undefined when none. */
  take(port: number): OpenServicePort | undefined {
    const entry = this.#open.get(port);
    if (entry === undefined) return undefined;
    clearTimeout(entry.timer);
    this.#open.delete(port);
    return { service: entry.service, tls: entry.tls };
  }

  /** The device went down: every port it had open is gone. */
  closeAll(): void {
    for (const entry of this.#open.values()) clearTimeout(entry.timer);
    this.#open.clear();
  }
}
