import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../electron/core/contract-server/event-bus.ts';

const ok = { status: 'ok' as const };

describe('EventBus', () => {
  it('gives a listener only the events it asked for, and says whether anyone wants an event', () => {
    const bus = new EventBus();
    const heard: string[] = [];
    expect(bus.wants('devices.changed')).toBe(false);
    const stop = bus.subscribe((name) => heard.push(name), ['staging.progress']);
    expect(bus.wants('staging.progress')).toBe(true);
    expect(bus.wants('devices.changed')).toBe(false);
    bus.emit('devices.changed', []);
    bus.emit('staging.progress', []);
    expect(heard).toEqual(['staging.progress']);
    stop();
    expect(bus.wants('staging.progress')).toBe(false);
  });

  it('gives a listener without a list every event, checked against the contract', () => {
    const bus = new EventBus();
    const heard: [string, unknown][] = [];
    bus.subscribe((name, payload) => heard.push([name, payload]));
    expect(bus.wants('devices.changed')).toBe(true);
    bus.emit('core.health', ok);
    bus.emit('devices.changed', []);
    expect(heard).toEqual([
      ['core.health', ok],
      ['devices.changed', []],
    ]);
    expect(() => bus.emit('core.health', { status: 'fine' } as never)).toThrow();
    expect(heard).toHaveLength(2);
  });
});
