// Issue #7, "a 2 GB body": the server streams lazily (it writes only while the client reads
// and stops when the socket closes), so a client that kept reading would really get 2 GB.
// The refusal must be quick, and the client must not hold more than its limit in memory.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncHttp } from '../../../../../electron/core/sync/http/sync-http.ts';
import { failure } from './failure.ts';
import { httpServer, type LocalServer } from './local-server.ts';

const TWO_GB = 2 * 1024 ** 3;
const MIB = 1024 * 1024;
/** SyncHttp's default limit; the test relies on it rather than setting its own. */
const DEFAULT_LIMIT = 10 * MIB;

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Stream {
  written: number;
  closed: Promise<number>;
}

/** Writes `total` bytes 64 KiB at a time, each write only once the previous one drained. */
function lazyBody(response: ServerResponse, total: number, stream: Stream): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20); // one buffer, reused: the server holds nothing
  const pump = () => {
    while (stream.written < total && !response.destroyed) {
      stream.written += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

async function twoGigabyteServer(
  declare: boolean,
  startBody = true,
): Promise<{ http: SyncHttp; stream: Stream }> {
  let closed: (at: number) => void = () => undefined;
  const stream: Stream = { written: 0, closed: new Promise<number>((resolve) => (closed = resolve)) };
  server = await httpServer((request, response) => {
    response.on('close', () => closed(performance.now()));
    response.writeHead(200, {
      'content-type': 'application/json',
      ...(declare ? { 'content-length': String(TWO_GB) } : {}),
    });
    response.flushHeaders();
    if (startBody) lazyBody(response, TWO_GB, stream);
  });
  return { http: new SyncHttp({ baseUrl: server.url, ratePerMinute: 60_000, timeoutMs: 10_000 }), stream };
}

/** The figures behind the limits above, printed on request (SYNC_HTTP_FIGURES=1). */
function report(line: string): void {
  if (process.env.SYNC_HTTP_FIGURES) console.info(line);
}

function peakMemory() {
  const before = process.memoryUsage();
  const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers };
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      const after = process.memoryUsage();
      return {
        peakRssGrowthMiB: (Math.max(peak.rss, after.rss) - before.rss) / MIB,
        peakArrayBuffersGrowthMiB:
          (Math.max(peak.arrayBuffers, after.arrayBuffers) - before.arrayBuffers) / MIB,
      };
    },
  };
}

describe('a 2 GB answer', () => {
  it('streamed without Content-Length is refused as too_large once the limit is passed, in bounded memory', async () => {
    const { http, stream } = await twoGigabyteServer(false);
    const memory = peakMemory();
    const error = await failure(http.request('GET', 'hardware'));
    await stream.closed;
    const figures = memory.stop();
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(
      /sent an answer over the 10 MiB limit; it was discarded after 10(\.\d)? MiB/,
    );
    expect(error.elapsedMs).toBeLessThan(3_000);
    // The client hung up: the server stopped a little past the limit (socket buffers), far from 2 GB.
    expect(stream.written).toBeGreaterThan(DEFAULT_LIMIT);
    expect(stream.written).toBeLessThan(DEFAULT_LIMIT + 32 * MIB);
    // What was read before the refusal is held once: tens of MB at most, never the body.
    expect(figures.peakArrayBuffersGrowthMiB).toBeLessThan(40);
    expect(figures.peakRssGrowthMiB).toBeLessThan(64);
    report(
      `2 GB chunked: refused after ${Math.round(error.elapsedMs)} ms, server wrote ${(stream.written / MIB).toFixed(1)} MiB, ` +
        `peak growth rss ${figures.peakRssGrowthMiB.toFixed(1)} MiB, arrayBuffers ${figures.peakArrayBuffersGrowthMiB.toFixed(1)} MiB`,
    );
  });

  it('announced by Content-Length is refused from the headers, before any of the body is read', async () => {
    // The server sends the headers and then nothing: a client that waited for the body would time out.
    const { http, stream } = await twoGigabyteServer(true, false);
    const error = await failure(http.request('GET', 'hardware'));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/announced an answer of 2 GiB, over the 10 MiB limit; it was not read/);
    expect(error.elapsedMs).toBeLessThan(1_000);
    await stream.closed; // the client closed the connection rather than leaving it open
    report(`2 GB declared: refused after ${Math.round(error.elapsedMs)} ms`);
  });

  it('announced and streamed: refused with the server having sent no more than socket buffers hold', async () => {
    const { http, stream } = await twoGigabyteServer(true);
    const memory = peakMemory();
    const error = await failure(http.request('GET', 'hardware'));
    await stream.closed;
    const figures = memory.stop();
    expect(error.code).toBe('too_large');
    expect(stream.written).toBeLessThan(32 * MIB);
    expect(figures.peakArrayBuffersGrowthMiB).toBeLessThan(40);
  });

  it('a smaller limit is honoured, and an answer exactly at the limit is accepted', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(1000) });
    server = await httpServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(request.url === '/big' ? `${body} ` : body);
    });
    const http = new SyncHttp({
      baseUrl: server.url,
      ratePerMinute: 60_000,
      maxBodyBytes: Buffer.byteLength(body),
    });
    expect((await http.request('GET', 'exact')).text).toBe(body);
    const error = await failure(http.request('GET', 'big'));
    expect(error.code).toBe('too_large');
  });
});
