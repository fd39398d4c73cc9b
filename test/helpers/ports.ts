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
    return Number.isFinite(low) && low > 12_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Above adb's device scan range (5555–5585) and the usual development servers. */
const LOWEST = 10_000;

function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port whose next `count` ports are free now, all below the ephemeral range. */
export async function freePortRange(count: number): Promise<number> {
  const highest = ephemeralLow() - count;
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = LOWEST + Math.floor(Math.random() * (highest - LOWEST));
    let free = true;
    for (let port = base; free && port < base + count; port++) free = await listenable(port);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found below ${highest + count}`);
}

/** A port that is free right now, below the ephemeral range (see above). */
export function freePort(): Promise<number> {
  return freePortRange(1);
}
