// The sandboxed preload (bundled to dist/electron/preload.cjs). It exposes exactly one
// thing to the page, `window.depotline` = { request, on } from the contract, and talks to
// the core over the MessagePort the shell sends it; no ipcRenderer, no Node, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { z } from 'zod';
import { createCoreBridge, type PortLike } from './core-bridge.ts';
import { CORE_PORT_CHANNEL } from './channels.ts';

// zod otherwise probes `new Function` on first parse, which the CSP reports as a violation.
z.config({ jitless: true });

const bridge = createCoreBridge();

// Only the main process can send on this channel (renderer-to-renderer IPC no longer
// exists), and a new port only arrives after the core restarted.
ipcRenderer.on(CORE_PORT_CHANNEL, (event) => {
  // DOM MessagePorts; the Node-side tsconfig that checks this file has no DOM types.
  const [port] = event.ports as unknown as PortLike[];
  if (port) bridge.attachPort(port);
});

// Fresh functions, so the page holds nothing but these two entry points.
contextBridge.exposeInMainWorld('depotline', {
  request: (name: unknown, input?: unknown) => bridge.api.request(name as never, input as never),
  on: (name: unknown, listener: unknown) => bridge.api.on(name as never, listener as never),
});
