// Delivers lifecycle events to listeners and owns the device's timers, so a disposed
// device leaves nothing scheduled behind.
import type { DeviceLifecycleEvent } from '../virtual-device-api.ts';

export class LifecycleHub {
  private readonly listeners = new Set<(event: DeviceLifecycleEvent) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();

  on(listener: (event: DeviceLifecycleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Events go out on a later turn of the event loop: a transport that closes sockets in
   * its listener must not do so in the middle of the call that caused the event.
   */
  emit(event: DeviceLifecycleEvent): void {
    this.after(0, () => {
      for (const listener of [...this.listeners]) listener(event);
    });
  }

  after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
