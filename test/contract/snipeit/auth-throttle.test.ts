// Contract: authentication and throttling.
// 401: snipe/snipe-it@5aa5c48 app/Exceptions/Handler.php::unauthenticated answers JSON clients
// {"error":"Unauthorized or unauthenticated."} and redirects everyone else to the login page.
// 429: https://snipe-it.readme.io/reference/api-throttling (120 a minute, API_THROTTLE_PER_MINUTE);
// the limiter is RouteServiceProvider's Limit::perMinute(…)->by(user id) over Laravel's
// RateLimiter (a 60 s window from the first hit). The 429 body is the one reported from
// v8.1.4 in snipe-it issue #17047 (after PR #16986 added Retry-After); before that it was
// {"status":"error","messages":"Too many requests","payload":null} without headers.
import { describe, expect, it } from 'vitest';
import { client, manualClock, useDouble } from './client.ts';

const start = useDouble();

describe('authentication', () => {
  it("answers a wrong or missing token with 401 and Snipe-IT's own JSON", async () => {
    const { double } = await start();
    for (const token of ['not-the-token', '']) {
      const reply = await client(double, token).get('/hardware');
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ error: 'Unauthorized or unauthenticated.' });
    }
    expect(double.requests.count({ status: 401 })).toBe(2);
  });

  it('redirects a client that does not ask for JSON to the HTML login page', async () => {
    const { double } = await start();
    const reply = await fetch(`${double.apiUrl}/hardware`, {
      redirect: 'manual',
      headers: { accept: '*/*' },
    });
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toBe(`${double.url}/login`);
    const followed = await fetch(`${double.apiUrl}/hardware`);
    expect(followed.status).toBe(200);
    expect(followed.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await followed.text()).toContain('<title>Snipe-IT :: Login</title>');
  });

  it('accepts the right token in any case of "Bearer"', async () => {
    const { double } = await start();
    const reply = await fetch(`${double.apiUrl}/hardware`, {
      headers: { accept: 'application/json', authorization: `bearer ${double.token}` },
    });
    expect(reply.status).toBe(200);
  });
});

describe('throttle', () => {
  it('counts down X-RateLimit-Remaining, then answers 429 with Retry-After until the window ends', async () => {
    const clock = manualClock();
    const { api } = await start({ clock, throttlePerMinute: 3 });
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const reply = await api.get('/hardware');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-ratelimit-limit')).toBe('3');
      remaining.push(reply.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    clock.advance(15_000);
    const refused = await api.get('/hardware');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2026, 10, 28, 22, 1, 0) / 1000));
    expect(refused.body).toEqual({
      status: 'error',
      status_code: 429,
      messages: 'Too many requests. Try again in 45 seconds.',
      retryAfter: 45,
    });

    clock.advance(45_000);
    const next = await api.get('/hardware');
    expect(next.status).toBe(200);
    expect(next.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('uses a fixed window from the first request, not a sliding one, and does not count refusals', async () => {
    const clock = manualClock();
    const { api } = await start({ clock, throttlePerMinute: 2 });
    await api.get('/hardware');
    clock.advance(59_000);
    await api.get('/hardware');
    for (let i = 0; i < 5; i++) expect((await api.get('/hardware')).headers.get('retry-after')).toBe('1');
    clock.advance(1_000);
    // A sliding window would still hold the request made a second ago.
    expect((await api.get('/hardware')).headers.get('x-ratelimit-remaining')).toBe('1');
  });

  it('counts per user: two tokens of one user share the budget, another user has its own', async () => {
    const { api, double } = await start({ clock: manualClock(), throttlePerMinute: 1 });
    double.addToken('second-token-same-user');
    double.addToken('grace-token', 3);
    expect((await api.get('/hardware')).status).toBe(200);
    expect((await client(double, 'second-token-same-user').get('/hardware')).status).toBe(429);
    expect((await client(double, 'grace-token').get('/hardware')).status).toBe(200);
  });

  it('does not count unauthenticated requests', async () => {
    const { api, double } = await start({ clock: manualClock(), throttlePerMinute: 1 });
    for (let i = 0; i < 3; i++) expect((await client(double, 'wrong').get('/hardware')).status).toBe(401);
    expect((await api.get('/hardware')).status).toBe(200);
  });

  it('answers the pre-8.1.4 429: the old envelope and no Retry-After', async () => {
    const { api } = await start({ clock: manualClock(), throttlePerMinute: 1, throttleStyle: 'legacy' });
    await api.get('/hardware');
    const refused = await api.get('/hardware');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ status: 'error', messages: 'Too many requests', payload: null });
    expect(refused.headers.get('retry-after')).toBeNull();
  });

  it('sends no rate headers and never refuses when the limit is 0', async () => {
    const { api } = await start({ throttlePerMinute: 0 });
    for (let i = 0; i < 5; i++) {
      const reply = await api.get('/hardware');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-ratelimit-limit')).toBeNull();
    }
  });
});
