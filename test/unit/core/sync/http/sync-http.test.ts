// The ordinary path: JSON out, JSON back, queries encoded, requests counted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncHttp } from '../../../../../electron/core/sync/http/sync-http.ts';
import { failure } from './failure.ts';
import { httpServer, json, type LocalServer } from './local-server.ts';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: LocalServer;
let seen: Seen[];
let answer: (seen: Seen) => { status: number; body?: unknown };

beforeEach(async () => {
  seen = [];
  answer = () => ({ status: 200, body: { ok: true } });
  server = await httpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      const { status, body } = answer(entry);
      if (body === undefined) {
        response.writeHead(status);
        response.end();
      } else json(response, status, body);
    });
  });
});
afterEach(() => server.close());

function client(): SyncHttp {
  return new SyncHttp({
    baseUrl: `${server.url}/api/v1`,
    ratePerMinute: 60_000,
    userAgent: 'Depotline-test',
  });
}

describe('SyncHttp', () => {
  it('sends JSON and returns the parsed JSON answer with its status and headers', async () => {
    answer = () => ({ status: 201, body: { id: 42, serial: 'R58N12345AB' } });
    const response = await client().request('POST', 'hardware', {
      json: { serial: 'R58N12345AB', name: 'ø' },
    });
    expect(response.status).toBe(201);
    expect(response.json).toEqual({ id: 42, serial: 'R58N12345AB' });
    expect(response.text).toBe('{"id":42,"serial":"R58N12345AB"}');
    expect(response.headers['content-type']).toBe('application/json');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/hardware',
      body: '{"serial":"R58N12345AB","name":"ø"}',
      headers: {
        'content-type': 'application/json',
        'content-length': '36', // bytes, not characters: "ø" is two
        accept: 'application/json',
        'user-agent': 'Depotline-test',
      },
    });
  });

  it('sends a string body byte for byte (a signed webhook)', async () => {
    const body = '{"b":1,  "a":"æøå"}';
    await client().request('POST', 'hooks', { body, headers: { 'x-signature': 'v1=abc' } });
    expect(seen[0]!.body).toBe(body);
    expect(seen[0]!.headers['x-signature']).toBe('v1=abc');
  });

  it('an empty answer (204) has no json', async () => {
    answer = () => ({ status: 204 });
    const response = await client().request('DELETE', 'hardware/1');
    expect([response.status, response.json, response.text]).toEqual([204, undefined, '']);
  });

  it('returns a 4xx JSON answer for the connector to judge (Snipe-IT validation errors)', async () => {
    answer = () => ({ status: 422, body: { status: 'error', messages: { serial: ['taken'] } } });
    const response = await client().request('POST', 'hardware', { json: {} });
    expect(response.status).toBe(422);
    expect(response.json).toEqual({ status: 'error', messages: { serial: ['taken'] } });
  });

  it('encodes query values so hostile ones stay one parameter', async () => {
    await client().request('GET', 'hardware', {
      query: { search: 'a&b=c#d', 'odd key&': 'x y/?%', limit: 50, skipped: undefined },
    });
    const url = new URL(seen[0]!.url, server.url);
    expect(url.pathname).toBe('/api/v1/hardware');
    expect([...url.searchParams]).toEqual([
      ['search', 'a&b=c#d'],
      ['odd key&', 'x y/?%'],
      ['limit', '50'],
    ]);
    expect(seen[0]!.url).not.toContain('#');
  });

  it('counts the requests actually sent, not the ones refused before sending', async () => {
    const http = client();
    await http.request('GET', 'a');
    await failure(http.request('GET', 'https://elsewhere.example/b'));
    answer = () => ({ status: 500 });
    await failure(http.request('GET', 'c')); // sent, and failed: counted
    expect(http.requests).toBe(2);
    expect(seen.map((entry) => entry.url)).toEqual(['/api/v1/a', '/api/v1/c']);
  });
});
