// The only IPC channel between the shell and the preload, named once for both sides:
// main → preload, carrying the MessagePort to the core. Everything else travels on that port.
export const CORE_PORT_CHANNEL = 'depotline:core-port';
