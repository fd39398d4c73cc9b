import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createCoreBridge, type PortLike } from '../../../electron/preload/core-bridge.ts';
import {
  runUtilityHost,
  type HostPort,
  type HostToMain,
  type MainToHost,
  type ParentPort,
} from '../../../electron/core/utility-host.ts';
import { createCore } from '../../../electron/core/core.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** Node's MessagePort as Electron's MessagePortMain in the utility process (messages come wrapped in an event). */
function asHostPort(port: MessagePort): HostPort {
  return {
    on(event: 'message' | 'close', listener: (event: { data: unknown }) => void) {
      if (event === 'message') port.on('message', (data: unknown) => listener({ data }));
      else port.on('close', listener);
      return this;
    },
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  };
}

/** Node's MessagePort as the DOM MessagePort the sandboxed preload receives. */
function asPreloadPort(port: MessagePort): PortLike {
  let handler: PortLike['onmessage'] = null;
  port.on('message', (data: unknown) => handler?.({ data }));
  return {
    get onmessage() {
      return handler;
    },
    set onmessage(next) {
      handler = next;
    },
    postMessage: (message) => port.postMessage(message),
    close: () => port.close(),
  };
}

/** Electron's process.parentPort, driven by the test as the shell would. */
function fakeParent() {
  const replies: HostToMain[] = [];
  let listener: ((event: { data: unknown; ports: HostPort[] }) => void) | undefined;
  const parent: ParentPort = {
    on: (_event, l) => (listener = l),
    postMessage: (message) => replies.push(message),
  };
  const send = (message: MainToHost, ports: HostPort[] = []) => listener?.({ data: message, ports });
  return { parent, replies, send };
}

describe('the core host in the utility process', () => {
  it('serves the contract to a preload over a MessagePort, end to end', async () => {
    const dataDir = tempDir();
    const { parent, replies, send } = fakeParent();
    const exits: number[] = [];
    runUtilityHost(parent, { exit: (code) => exits.push(code) });

    send({ type: 'start', dataDir });
    expect(replies).toEqual([{ type: 'ready' }]);

    const { port1, port2 } = new MessageChannel();
    send({ type: 'connect' }, [asHostPort(port1)]);
    const bridge = createCoreBridge();
    bridge.attachPort(asPreloadPort(port2));

    const info = await bridge.api.request('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { name: 'Depotline', frontDoor: 'electron', dataDir } });
    const bad = await bridge.api.request('settings.set', { colour: 'red' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const changed = new Promise((resolve) => bridge.api.on('settings.changed', resolve));
    await bridge.api.request('settings.set', { stationName: 'Bench 7' });
    expect(await changed).toMatchObject({ stationName: 'Bench 7' });

    send({ type: 'stop' });
    expect(exits).toEqual([0]);
    port2.close();
  });

  it('reports a core that cannot start as fatal and serves nobody', () => {
    const { parent, replies, send } = fakeParent();
    runUtilityHost(parent, {
      create: () => {
        throw new Error('The database was written by a newer Depotline.');
      },
    });
    send({ type: 'start', dataDir: tempDir() });
    expect(replies).toEqual([{ type: 'fatal', message: 'The database was written by a newer Depotline.' }]);

    let closed = false;
    send({ type: 'connect' }, [
      { on: () => undefined, postMessage: () => {}, start: () => {}, close: () => (closed = true) },
    ]);
    expect(closed).toBe(true);
  });

  it('ignores a second start and messages that are not its protocol', () => {
    const { parent, replies, send } = fakeParent();
    let created = 0;
    const host = runUtilityHost(parent, {
      create: (options) => {
        created++;
        return createCore(options);
      },
    });
    const dataDir = tempDir();
    send({ type: 'start', dataDir });
    send({ type: 'start', dataDir });
    send({ type: 'reboot' } as never);
    send(null as never);
    expect(created).toBe(1);
    expect(replies).toEqual([{ type: 'ready' }]);
    host.close();
  });
});
