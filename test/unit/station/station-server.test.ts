import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../electron/core/core.ts';
import { startStation, type Station } from '../../../electron/station/station-server.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const running: { core: Core; station: Station }[] = [];
afterEach(async () => {
  for (const { core, station } of running.splice(0)) {
    await station.close();
    core.close();
  }
});

async function startTestStation() {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Depotline</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tempDir(), 'secret.txt'), 'do not serve');
  const core = createCore({ dataDir: tempDir(), frontDoor: 'station', log: () => {} });
  const station = await startStation({ core, host: '127.0.0.1', port: 0, rendererDir });
  running.push({ core, station });
  return { core, station };
}

/** Raw HTTP, so tests control every header (fetch would refuse to set Host). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function openSocket(url: string, options: WebSocket.ClientOptions) {
  return new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('station mode', () => {
  it('refuses every request without the token', async () => {
    const { station } = await startTestStation();
    expect((await get(station.url)).status).toBe(401);
    expect((await get(`${station.url}?token=wrong`)).status).toBe(401);
    expect((await get(`${station.url}api/app.info`, {}, 'POST')).status).toBe(401);
    expect((await get(`${station.url}`, { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('trades the token in the address for an HttpOnly cookie and serves the console', async () => {
    const { station } = await startTestStation();
    const first = await get(station.openUrl);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get(station.url, { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Depotline</title>');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('never serves a file outside the renderer folder', async () => {
    const { station } = await startTestStation();
    const auth = { Authorization: `Bearer ${station.token}` };
    for (const path of [
      '../secret.txt',
      '..%2fsecret.txt',
      '%2e%2e/%2e%2e/etc/passwd',
      'assets/../../secret.txt',
    ]) {
      const res = await get(`${station.url}${path}`, auth);
      expect(res.body).not.toContain('do not serve');
      expect(res.body).not.toContain('root:');
    }
    expect((await get(`${station.url}assets/app.js`, auth)).status).toBe(200);
    expect((await get(`${station.url}assets/missing.js`, auth)).status).toBe(404);
  });

  it('refuses a Host it does not answer to (DNS rebinding)', async () => {
    const { station } = await startTestStation();
    const port = new URL(station.url).port;
    const res = await get(station.url, {
      Authorization: `Bearer ${station.token}`,
      Host: `attacker.example:${port}`,
    });
    expect(res.status).toBe(421);
  });

  it('serves the contract over HTTP with status codes that match the error', async () => {
    const { station } = await startTestStation();
    const auth = { Authorization: `Bearer ${station.token}`, 'Content-Type': 'application/json' };
    const info = await get(`${station.url}api/app.info`, auth, 'POST', '{}');
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { frontDoor: 'station' } });
    const bad = await get(`${station.url}api/settings.set`, auth, 'POST', '{"theme":"neon"}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({
      error: { code: 'invalid_input', details: { issues: [{ path: 'theme' }] } },
    });
    expect((await get(`${station.url}api/settings.set`, auth, 'POST', '{not json')).status).toBe(400);
    const foreign = await get(
      `${station.url}api/app.info`,
      { ...auth, Origin: 'https://evil.example' },
      'POST',
      '{}',
    );
    expect(foreign.status).toBe(403);
  });

  it('accepts a WebSocket from its own origin with the token, and pushes events to it', async () => {
    const { station } = await startTestStation();
    const wsUrl = station.url.replace('http', 'ws') + 'ws';
    const origin = station.url.slice(0, -1);
    await expect(openSocket(wsUrl, { headers: { Origin: origin } })).rejects.toThrow(/401/);
    await expect(
      openSocket(wsUrl, {
        headers: { Origin: 'http://evil.example', Cookie: `depotline_token=${station.token}` },
      }),
    ).rejects.toThrow(/403/);

    const socket = await openSocket(wsUrl, {
      headers: { Origin: origin, Cookie: `depotline_token=${station.token}` },
    });
    const messages: unknown[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
    socket.send(
      JSON.stringify({ kind: 'request', id: 7, name: 'settings.set', input: { stationName: 'Hub C' } }),
    );
    socket.send(
      JSON.stringify({
        kind: 'request',
        id: 8,
        name: 'settings.set',
        input: { stationName: 42 },
        extra: true,
      }),
    );
    await expect.poll(() => messages.length).toBeGreaterThanOrEqual(4);
    expect(messages).toContainEqual({
      kind: 'response',
      id: 7,
      result: expect.objectContaining({ ok: true }),
    });
    expect(messages).toContainEqual(
      expect.objectContaining({ kind: 'response', id: 8, result: expect.objectContaining({ ok: false }) }),
    );
    expect(messages).toContainEqual({
      kind: 'event',
      name: 'settings.changed',
      payload: expect.objectContaining({ stationName: 'Hub C' }),
    });
    expect(messages).toContainEqual(expect.objectContaining({ kind: 'event', name: 'audit.appended' }));
    socket.close();
  });
});
