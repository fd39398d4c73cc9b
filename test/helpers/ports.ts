// Free loopback ports for tests and benchmarks that run their own servers side by side.
//
// Ports are drawn at random from below the kernel's ephemeral range: a port the OS hands out
// for `listen(0)` is also one it hands to outgoing connections, so between picking it and a
// child process (an adb server, a lab phone) binding it, any connect() may take it
// ("Address already in use"). Below the range only another listener can, and a random draw
// makes two runs side by side unlikely to pick the same one.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The lowest port the kernel may pick for an outgoing connection (Linux's default when unreadable). */
function ephemeralLow(): number {
  try {
    const low = Number.parseInt(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'), 10);
    return Number.isFinite(low) && low > 21_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * Single ports (an adb server's) come from 10000–19999, ranges (a lab's phones) from 20000 up
 * to the ephemeral range: a station picks both before starting either, so drawn from one pool
 * its adb port could fall inside its own lab's range. Both are above adb's device scan range
 * (5555–5585) and the usual development servers.
 */
const SINGLE_PORTS = { lowest: 10_000, highest: 19_999 };
const RANGES_LOWEST = 20_000;

/** Free on IPv4 and IPv6 loopback alike: adb binds its server port on both. */
async function listenable(port: number): Promise<boolean> {
  return (await listenableOn(port, '127.0.0.1')) && (await listenableOn(port, '::1'));
}

function listenableOn(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      // A machine without IPv6 has no ::1 to take the port on.
      resolve(host === '::1' && error.code === 'EADDRNOTAVAIL'),
    );
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A base port whose next `count` ports are free now, all below the ephemeral range. */
export function freePortRange(count: number): Promise<number> {
  return freeRun(count, RANGES_LOWEST, ephemeralLow() - count);
}

/** A port that is free right now, below the ephemeral range (see above). */
export function freePort(): Promise<number> {
  return freeRun(1, SINGLE_PORTS.lowest, SINGLE_PORTS.highest);
}

/** A base port in [lowest, highest) whose next `count` ports are free now. */
async function freeRun(count: number, lowest: number, highest: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = lowest + Math.floor(Math.random() * (highest - lowest));
    let free = true;
    for (let port = base; free && port < base + count; port++) free = await listenable(port);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found in ${lowest}–${highest + count - 1}`);
}
