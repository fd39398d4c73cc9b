// The Snipe-IT double: a real HTTP server on 127.0.0.1 answering /api/v1 the way Snipe-IT's
// Laravel stack does — route match (404/405), then `auth:api` (401 JSON, or a redirect to the
// login page for clients that do not ask for JSON), then `throttle:api`, then the controller.
// Tests drive the remote side in-process through `ui`, `faults`, `settings` and read it back
// through `assets()`, `assetsBySerial()` and `requests`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  FaultControl,
  resetConnection,
  streamHuge,
  substituteAnswer,
  writeAnswer,
  writeTruncated,
  type Fault,
} from './faults.ts';
import {
  expectsJson,
  html,
  json,
  LOGIN_PAGE,
  paramsToInput,
  parseBody,
  readBody,
  standard,
  type ApiResponse,
} from './http-io.ts';
import { RequestLog, type LoggedRequest } from './request-log.ts';
import { match, type RouteContext } from './router.ts';
import { ROUTES } from './routes/index.ts';
import { seedStore, type SeedOptions } from './seed.ts';
import { SnipeStore } from './store.ts';
import { FixedWindowThrottle, type ThrottleDecision } from './throttle.ts';
import type { AssetSnapshot, SnipeItSettings } from './types.ts';
import { snapshot, WebUi } from './web-ui.ts';

export interface SnipeItDoubleOptions {
  /** The API token clients must send as "Authorization: Bearer <token>" (belongs to user 1). */
  token?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** API_THROTTLE_PER_MINUTE (default 120, as Snipe-IT); 0 turns throttling off. */
  throttlePerMinute?: number;
  /**
   * 'current' (default, Snipe-IT ≥ 8.1.4): 429 with Retry-After and X-RateLimit-* headers.
   * 'legacy' (before): 429 {"status":"error","messages":"Too many requests","payload":null}, no headers.
   */
  throttleStyle?: 'current' | 'legacy';
  /** Epoch ms; drives timestamps and the throttle window (inject one to skip a minute). */
  clock?: () => number;
  seed?: SeedOptions;
  settings?: Partial<SnipeItSettings>;
}

export interface SnipeItDouble {
  /** "http://127.0.0.1:PORT" (the web root). */
  readonly url: string;
  /** "http://127.0.0.1:PORT/api/v1". */
  readonly apiUrl: string;
  readonly port: number;
  readonly token: string;
  /** Live settings: change them between requests (uniqueSerial, maxResults, …). */
  readonly settings: SnipeItSettings;
  readonly faults: FaultControl;
  readonly ui: WebUi;
  readonly requests: RequestLog;
  readonly throttle: FixedWindowThrottle;
  /** The raw store, for what the helpers here do not cover. */
  readonly store: SnipeStore;
  /** Another token, for the given user (default the API user); the throttle counts per user. */
  addToken(token: string, userId?: number): void;
  /** Copies of the stored assets (soft-deleted ones only with `withDeleted`). */
  assets(options?: { withDeleted?: boolean }): AssetSnapshot[];
  /** Live assets grouped by serial (upper-cased, as the unique check ignores case). */
  assetsBySerial(): Map<string, AssetSnapshot[]>;
  /** Serials held by more than one live asset. */
  duplicateSerials(): string[];
  stop(): Promise<void>;
}

const DEFAULT_SETTINGS: SnipeItSettings = {
  uniqueSerial: true,
  autoIncrement: null,
  maxResults: 500,
  showArchivedInList: false,
  selfSerialConflictOnUpdate: true,
};

const NOT_FOUND_PAGE =
  '<!DOCTYPE html><html><head><title>Snipe-IT :: 404</title></head><body><h1>404</h1><p>Page not found.</p></body></html>';

export async function startSnipeItDouble(options: SnipeItDoubleOptions = {}): Promise<SnipeItDouble> {
  const clock = options.clock ?? Date.now;
  const store = new SnipeStore({ ...DEFAULT_SETTINGS, ...options.settings }, clock);
  seedStore(store, options.seed);
  const apiUser = store.users.get(1)!;
  const token = options.token ?? 'snipeit-double-token';
  const tokens = new Map<string, number>([[token, apiUser.id]]);
  const throttle = new FixedWindowThrottle(options.throttlePerMinute ?? 120, clock);
  const requests = new RequestLog();
  const sockets = new Set<Socket>();
  const server = createServer();
  let port = options.port ?? 0;
  let origin = '';

  /** Auth, throttle, body, controller: everything Snipe-IT itself decides. */
  function process(request: IncomingMessage, url: URL, apiPath: string | null, raw: Buffer): ApiResponse {
    const method = request.method ?? 'GET';
    if (apiPath === null) {
      if (url.pathname === '/login') return html(200, LOGIN_PAGE);
      if (url.pathname === '/') return html(302, '', { location: `${origin}/login` });
      return html(404, NOT_FOUND_PAGE);
    }
    const wantsJson = expectsJson(request.headers);
    const found = match(ROUTES, method, apiPath);
    if (found.kind === 'none')
      return wantsJson ? standard('error', null, '404 endpoint not found', 404) : html(404, NOT_FOUND_PAGE);
    if (found.kind === 'wrong-method')
      return wantsJson ? standard('error', null, 'Method not allowed', 405) : html(405, NOT_FOUND_PAGE);
    const userId = tokens.get(
      /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? '',
    );
    const user = userId === undefined ? undefined : store.users.get(userId);
    if (!user)
      return wantsJson
        ? json(401, { error: 'Unauthorized or unauthenticated.' })
        : html(302, '', { location: `${origin}/login` });
    const decision = throttle.hit(String(user.id));
    if (decision && !decision.allowed) return tooManyRequests(decision, options.throttleStyle ?? 'current');
    const body = parseBody(request.headers['content-type'], raw);
    const input = { ...paramsToInput(url.searchParams), ...body };
    const ctx: RouteContext = { store, apiUser: user };
    const answer =
      body === null
        ? standard('error', null, 'Invalid JSON', 422)
        : found.route.handle(ctx, { method, path: apiPath, query: url.searchParams, input }, found.params);
    if (decision) {
      answer.headers['x-ratelimit-limit'] = String(decision.limit);
      answer.headers['x-ratelimit-remaining'] = String(decision.remaining);
    }
    return answer;
  }

  async function respondWithFault(
    res: ServerResponse,
    fault: Fault,
    answer: ApiResponse | undefined,
    entry: LoggedRequest,
  ) {
    entry.fault = fault.kind;
    if (fault.kind === 'hang') return;
    if (fault.kind === 'reset') {
      entry.outcome = 'reset';
      resetConnection(res);
      return;
    }
    if (fault.kind === 'truncated') {
      entry.status = answer!.status;
      entry.outcome = fault.mode === 'drop' ? 'cut' : 'answered';
      writeTruncated(res, answer!, fault.mode ?? 'cut');
      return;
    }
    if (fault.kind === 'huge') {
      entry.status = 200;
      const stats = { bytesWritten: 0, clientClosed: false, finished: false };
      faults.lastHuge = stats;
      await streamHuge(res, fault, stats);
      entry.outcome = stats.finished ? 'answered' : 'cut';
      return;
    }
    const substitute = substituteAnswer(fault) ?? answer!;
    entry.status = substitute.status;
    entry.outcome = 'answered';
    writeAnswer(res, substitute);
  }

  async function onRequest(request: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);
    const inApi = url.pathname === '/api/v1' || url.pathname.startsWith('/api/v1/');
    const apiPath = inApi ? url.pathname.slice('/api/v1'.length) : null;
    const method = request.method ?? 'GET';
    const entry = requests.start({
      at: clock(),
      method,
      path: url.pathname,
      apiPath: apiPath ?? url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: raw.toString('utf8'),
    });
    res.once('close', () => (entry.durationMs = performance.now() - started));
    const armed = faults.take(method, apiPath ?? url.pathname);
    const fault = armed?.fault;
    if (fault?.kind === 'slow') {
      entry.fault = 'slow';
      if (armed!.when === 'before') await sleep(fault.delayMs);
    } else if (fault && armed.when === 'before') return respondWithFault(res, fault, undefined, entry);
    const answer = process(request, url, apiPath, raw);
    if (fault && fault.kind !== 'slow') return respondWithFault(res, fault, answer, entry);
    if (fault?.kind === 'slow' && armed!.when === 'after') await sleep(fault.delayMs);
    if (res.destroyed) return;
    entry.status = answer.status;
    entry.outcome = 'answered';
    writeAnswer(res, answer);
  }

  server.on('request', (request: IncomingMessage, res: ServerResponse) => {
    onRequest(request, res).catch((error: unknown) => {
      if (!res.headersSent) writeAnswer(res, json(500, { message: 'Server Error', double: String(error) }));
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        origin = `http://127.0.0.1:${port}`;
        resolve();
      });
    });

  let isUp = false;
  let upWaiters: (() => void)[] = [];
  let comeBack: NodeJS.Timeout | undefined;
  const goUp = async () => {
    clearTimeout(comeBack);
    if (isUp) return;
    await listen();
    isUp = true;
    for (const wake of upWaiters.splice(0)) wake();
  };
  const goDown = async (durationMs: number | null) => {
    clearTimeout(comeBack);
    if (isUp) {
      isUp = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    }
    if (durationMs !== null) comeBack = setTimeout(() => void goUp(), durationMs);
  };
  const faults = new FaultControl({
    down: goDown,
    up: goUp,
    whenUp: () => (isUp ? Promise.resolve() : new Promise<void>((resolve) => upWaiters.push(resolve))),
  });

  await goUp();
  const assets = (opts: { withDeleted?: boolean } = {}) =>
    store.assets(opts.withDeleted ?? false).map(snapshot);
  const assetsBySerial = () => {
    const groups = new Map<string, AssetSnapshot[]>();
    for (const asset of assets()) {
      if (asset.serial === null) continue;
      const key = asset.serial.toUpperCase();
      groups.set(key, [...(groups.get(key) ?? []), asset]);
    }
    return groups;
  };

  return {
    url: origin,
    apiUrl: `${origin}/api/v1`,
    port,
    token,
    settings: store.settings,
    faults,
    ui: new WebUi(store),
    requests,
    throttle,
    store,
    addToken: (extra, userId = apiUser.id) => void tokens.set(extra, userId),
    assets,
    assetsBySerial,
    duplicateSerials: () =>
      [...assetsBySerial()].filter(([, group]) => group.length > 1).map(([serial]) => serial),
    stop: async () => {
      upWaiters = [];
      await goDown(null);
    },
  };
}

/** The throttle's 429 (see SnipeItDoubleOptions.throttleStyle and the README for sources). */
function tooManyRequests(
  decision: Extract<ThrottleDecision, { allowed: false }>,
  style: 'current' | 'legacy',
) {
  if (style === 'legacy') return standard('error', null, 'Too many requests', 429);
  return json(
    429,
    {
      status: 'error',
      status_code: 429,
      messages: `Too many requests. Try again in ${decision.retryAfter} seconds.`,
      retryAfter: decision.retryAfter,
    },
    {
      'retry-after': String(decision.retryAfter),
      'x-ratelimit-limit': String(decision.limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(decision.resetAt),
    },
  );
}
