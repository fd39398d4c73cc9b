import { describe, expect, it } from 'vitest';
import { createCoreBridge, type PortLike } from '../../../electron/preload/core-bridge.ts';
import type { ClientMessage, CoreMessage } from '../../../electron/common/contract/index.ts';

/** A port whose far end is driven by the test, standing in for the core. */
function fakePort() {
  const sent: ClientMessage[] = [];
  const port: PortLike & { closed: boolean } = {
    onmessage: null,
    closed: false,
    postMessage: (message) => sent.push(message as ClientMessage),
    close() {
      this.closed = true;
    },
  };
  const deliver = (message: CoreMessage) => port.onmessage?.({ data: message });
  return { port, sent, deliver };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the preload bridge to the core', () => {
  it('queues requests made before the port arrives, then sends them in order', async () => {
    const bridge = createCoreBridge();
    const first = bridge.api.request('app.info', {});
    const second = bridge.api.request('settings.get', {});
    const { port, sent, deliver } = fakePort();
    bridge.attachPort(port);
    await flush();
    expect(sent.map((message) => message.name)).toEqual(['app.info', 'settings.get']);
    for (const message of sent)
      deliver({ kind: 'response', id: message.id, result: { ok: true, value: message.name } });
    expect(await first).toEqual({ ok: true, value: 'app.info' });
    expect(await second).toEqual({ ok: true, value: 'settings.get' });
  });

  it('refuses a request name the contract does not know, without sending it', async () => {
    const bridge = createCoreBridge();
    const { port, sent } = fakePort();
    bridge.attachPort(port);
    for (const name of ['settings.delete', '__proto__', 'toString', 42, undefined]) {
      const result = await bridge.api.request(name as never, undefined as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
    }
    expect(sent).toEqual([]);
  });

  it('delivers push events to listeners until they unsubscribe', () => {
    const bridge = createCoreBridge();
    const heard: unknown[] = [];
    const off = bridge.api.on('core.health', (payload) => heard.push(payload));
    const { port, deliver } = fakePort();
    bridge.attachPort(port);
    deliver({ kind: 'event', name: 'core.health', payload: { status: 'ok' } });
    off();
    deliver({ kind: 'event', name: 'core.health', payload: { status: 'degraded' } });
    expect(heard).toEqual([{ status: 'ok' }]);
  });

  it('rejects listeners for unknown events and non-function listeners', () => {
    const bridge = createCoreBridge();
    expect(() => bridge.api.on('device.exploded' as never, () => {})).toThrow(TypeError);
    expect(() => bridge.api.on('core.health', 'alert(1)' as never)).toThrow(TypeError);
  });

  it('on a new port (the core restarted) fails what was in flight and keeps the listeners', async () => {
    const bridge = createCoreBridge();
    const heard: unknown[] = [];
    bridge.api.on('core.health', (payload) => heard.push(payload));
    const old = fakePort();
    bridge.attachPort(old.port);
    const inFlight = bridge.api.request('app.info', {});

    const next = fakePort();
    bridge.attachPort(next.port);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(old.port.closed).toBe(true);

    next.deliver({ kind: 'event', name: 'core.health', payload: { status: 'ok' } });
    old.deliver({ kind: 'event', name: 'core.health', payload: { status: 'stopping' } });
    expect(heard).toEqual([{ status: 'ok' }]);

    const again = bridge.api.request('app.info', {});
    const [message] = next.sent;
    expect(message?.name).toBe('app.info');
    next.deliver({ kind: 'response', id: message!.id, result: { ok: true, value: 1 } });
    expect(await again).toEqual({ ok: true, value: 1 });
  });
});
