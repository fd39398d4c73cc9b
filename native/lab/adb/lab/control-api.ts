// The lab's HTTP control API on 127.0.0.1 (see ../CONTROL-API.md): list devices and turn
// their knobs. JSON in and out; every body is validated with zod; errors use the same
// { ok: false, error: { code, message, details? } } shape as the app's contract.
// Every route is listed explicitly below: there is no "call any method by name" route.
// One server serves both labs: Android under /devices, iOS under /ios/devices (its routes
// live in native/lab/ios/lab/ios-control-routes.ts); either lab may be absent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { IosLabController } from '../../ios/lab/ios-lab-controller.ts';
import { handleIosControlRequest, IosRouteError } from '../../ios/lab/ios-control-routes.ts';
import type { LabController, LabDeviceInfo } from './lab-controller.ts';
import {
  AccountBody,
  BatteryBody,
  DpcWipeActionBody,
  EmptyBody,
  FactoryResetBody,
  FailInstallBody,
  FillStorageBody,
  NextWipeBody,
  RebootBody,
  ScreenLockBody,
  SlowdownBody,
  TestHarnessSupportBody,
  UserFilesBody,
} from './control-schemas.ts';

const MAX_BODY_BYTES = 16 * 1024;

interface DeviceRoute {
  schema: z.ZodType;
  action: (lab: LabController, id: string, body: unknown) => Promise<void> | void;
}

/** Pairs a body schema with the action that receives the parsed body. */
function route<S extends z.ZodType>(
  schema: S,
  action: (lab: LabController, id: string, body: z.output<S>) => Promise<unknown> | void,
): DeviceRoute {
  // The dispatcher hands `action` only what `schema` parsed, so the widening is safe.
  return { schema, action: action as DeviceRoute['action'] };
}

/** POST /devices/:id/<action>; the device was looked up before any of these run. */
const DEVICE_ROUTES: Record<string, DeviceRoute> = {
  plug: route(EmptyBody, (lab, id) => lab.plug(id)),
  unplug: route(EmptyBody, (lab, id) => lab.unplug(id, 'unplug')),
  yank: route(EmptyBody, (lab, id) => lab.unplug(id, 'yank')),
  reboot: route(RebootBody, (lab, id, body) => void lab.reboot(id, body.target)),
  'accept-rsa': route(EmptyBody, (lab, id) => lab.controls(id)?.acceptRsaPrompt()),
  'factory-reset': route(FactoryResetBody, (lab, id, body) => lab.controls(id)?.factoryReset(body)),
  accounts: route(AccountBody, (lab, id, body) => lab.controls(id)?.addAccount(body.type, body.name)),
  battery: route(BatteryBody, (lab, id, body) => lab.controls(id)?.setBattery(body)),
  'fill-storage': route(FillStorageBody, (lab, id, body) => lab.controls(id)?.fillStorage(body.bytes)),
  'fail-next-install': route(FailInstallBody, (lab, id, body) =>
    lab.controls(id)?.failNextInstall(body.code),
  ),
  'hang-next-install': route(EmptyBody, (lab, id) => lab.controls(id)?.hangNextInstall()),
  slowdown: route(SlowdownBody, (lab, id, body) => lab.controls(id)?.setSlowdown(body.factor)),
  'screen-lock': route(ScreenLockBody, (lab, id, body) =>
    lab
      .controls(id)
      ?.setScreenLock(
        body.kind === 'none' || body.credential === undefined
          ? undefined
          : { kind: body.kind, credential: body.credential },
      ),
  ),
  'test-harness-support': route(TestHarnessSupportBody, (lab, id, body) =>
    lab.controls(id)?.setTestHarnessSupport(body.supported),
  ),
  'user-files': route(UserFilesBody, (lab, id, body) => lab.controls(id)?.addUserFiles(body.files)),
  'dpc-wipe-action': route(DpcWipeActionBody, (lab, id, body) =>
    lab.controls(id)?.setDpcWipeAction(body.component, body.action),
  ),
  'next-wipe': route(NextWipeBody, (lab, id, body) => lab.controls(id)?.setNextWipe(body.outcome)),
};

class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface ControlApi {
  readonly url: string;
  close(): Promise<void>;
}

/** `lab` is the Android lab (undefined when only iOS devices run); `ios` the iOS lab, if any. */
export async function startControlApi(
  lab: LabController | undefined,
  options: { host?: string; port: number; ios?: IosLabController },
): Promise<ControlApi> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((request, response) => {
    handle(lab, options.ios, request).then(
      (result) => send(response, 200, { ok: true, ...result }),
      (error: unknown) => {
        const apiError =
          error instanceof ApiError
            ? error
            : error instanceof IosRouteError
              ? new ApiError(error.status, error.code, error.message, error.details)
              : new ApiError(500, 'internal', error instanceof Error ? error.message : String(error));
        const details = apiError.details === undefined ? {} : { details: apiError.details };
        send(response, apiError.status, {
          ok: false,
          error: { code: apiError.code, message: apiError.message, ...details },
        });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  lab: LabController | undefined,
  ios: IosLabController | undefined,
  request: IncomingMessage,
): Promise<Record<string, unknown>> {
  checkOrigin(request);
  const path = new URL(request.url ?? '/', 'http://lab').pathname
    .split('/')
    .filter((part) => part !== '')
    .map(decodeURIComponent);
  if (path[0] === 'ios') {
    return handleIosControlRequest(ios, {
      method: request.method ?? '',
      path: path.slice(1),
      readBody: () => readJsonBody(request),
    });
  }
  const [collection, id, action, ...rest] = path;
  if (collection !== 'devices' || rest.length > 0)
    throw new ApiError(404, 'not-found', `no route ${request.method ?? ''} ${request.url ?? ''}`);
  if (id === undefined) {
    requireMethod(request, 'GET');
    return { devices: lab?.list() ?? [] };
  }
  if (lab === undefined) throw unknownDevice(id);
  const device = requireDevice(lab, id);
  if (action === undefined) {
    requireMethod(request, 'GET');
    return { device };
  }
  if (action === 'commands') {
    requireMethod(request, 'GET');
    return { commands: lab.commands(id) ?? [] };
  }
  const route = DEVICE_ROUTES[action];
  if (route === undefined || !Object.hasOwn(DEVICE_ROUTES, action)) {
    throw new ApiError(
      404,
      'not-found',
      `unknown action "${action}" (known: ${Object.keys(DEVICE_ROUTES).join(', ')})`,
    );
  }
  requireMethod(request, 'POST');
  const body = await readJsonBody(request);
  const parsed = route.schema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(
      400,
      'invalid-body',
      `invalid body for ${action}: ${z.prettifyError(parsed.error)}`,
      parsed.error.issues,
    );
  try {
    await route.action(lab, id, parsed.data);
  } catch (error) {
    throw new ApiError(409, 'device-refused', error instanceof Error ? error.message : String(error));
  }
  return { device: requireDevice(lab, id) };
}

function requireDevice(lab: LabController, id: string): LabDeviceInfo {
  const device = lab.find(id);
  if (device === undefined) throw unknownDevice(id);
  return device;
}

function unknownDevice(id: string): ApiError {
  return new ApiError(
    404,
    'unknown-device',
    `no device "${id}" (use an index, HOST:PORT or the phone's serial)`,
  );
}

function requireMethod(request: IncomingMessage, method: 'GET' | 'POST'): void {
  if (request.method !== method)
    throw new ApiError(405, 'method-not-allowed', `use ${method} for ${request.url ?? ''}`);
}

/**
 * Browsers can reach 127.0.0.1 too. Only loopback Host names are accepted (a DNS-rebinding
 * page cannot pose as us) and a request from a web page (an Origin header) only from a
 * loopback origin, so no site can unplug a device behind an operator's back.
 */
function checkOrigin(request: IncomingMessage): void {
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  if (!LOOPBACK_NAMES.includes(host))
    throw new ApiError(403, 'forbidden-host', `Host "${host}" is not loopback`);
  const origin = request.headers.origin;
  if (origin !== undefined && !LOOPBACK_NAMES.includes(safeHostname(origin))) {
    throw new ApiError(403, 'forbidden-origin', `requests from ${origin} are not accepted`);
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function safeHostname(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError(413, 'body-too-large', `bodies are limited to ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new ApiError(415, 'unsupported-media-type', 'send the body as Content-Type: application/json');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new ApiError(
      400,
      'invalid-json',
      `body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
