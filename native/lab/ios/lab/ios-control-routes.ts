// The iOS routes of the lab control API: /ios/devices, /ios/devices/:id,
// /ios/devices/:id/commands and POST /ios/devices/:id/<action>. The Android control API's
// server dispatches here (one HTTP server for both labs); every route is listed below and
// every body checked with zod before it reaches a device.
import { z } from 'zod';
import type { IosLabController, IosLabDeviceInfo } from './ios-lab-controller.ts';
import {
  ActivationLockBody,
  EmptyBody,
  IosBatteryBody,
  IosFailInstallBody,
  ManagedByBody,
  MediaBody,
  PasscodeBody,
  SetUpBody,
  SuperviseBody,
} from './ios-control-schemas.ts';
import type { LabIosDevice } from '../device/lab-ios-device.ts';
import { addMediaFiles, organisationCloudConfiguration } from '../device/repair-content.ts';

/** An answer other than 200, in the control API's error shape. */
export class IosRouteError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'IosRouteError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface IosControlRequest {
  method: string;
  /** The path after /ios, split and decoded: ["devices", id?, action?, …]. */
  path: string[];
  readBody(): Promise<unknown>;
}

interface Route {
  schema: z.ZodType;
  action: (lab: IosLabController, device: LabIosDevice, id: string, body: unknown) => void;
}

function route<S extends z.ZodType>(
  schema: S,
  action: (lab: IosLabController, device: LabIosDevice, id: string, body: z.output<S>) => void,
): Route {
  // The dispatcher hands `action` only what `schema` parsed.
  return { schema, action: action as Route['action'] };
}

const ROUTES: Record<string, Route> = {
  plug: route(EmptyBody, (lab, _device, id) => void lab.plug(id)),
  unplug: route(EmptyBody, (lab, _device, id) => void lab.unplug(id)),
  yank: route(EmptyBody, (lab, _device, id) => void lab.yank(id)),
  restart: route(EmptyBody, (lab, _device, id) => void lab.restart(id)),
  erase: route(EmptyBody, (lab, _device, id) => void lab.erase(id)),
  'accept-trust': route(EmptyBody, (_lab, device) => device.acceptTrust()),
  'deny-trust': route(EmptyBody, (_lab, device) => device.denyTrust()),
  'activation-lock': route(ActivationLockBody, (_lab, device, _id, body) =>
    device.setActivationLock(body.on),
  ),
  'set-up': route(SetUpBody, (_lab, device, _id, body) => device.setUp(body.done)),
  supervise: route(SuperviseBody, (_lab, device, _id, body) => device.supervise(body.organisation)),
  passcode: route(PasscodeBody, (_lab, device, _id, body) =>
    device.setPasscode(body.set, body.locked ?? false),
  ),
  battery: route(IosBatteryBody, (_lab, device, _id, body) => device.setBattery(body)),
  'fail-next-install': route(IosFailInstallBody, (_lab, device, _id, body) =>
    device.failNextInstall(body.error, body.description),
  ),
  'managed-by': route(ManagedByBody, (_lab, device, _id, body) => {
    if (body.organisation === null) {
      device.cloudConfiguration = undefined;
      device.supervise(null);
      return;
    }
    const supervised = body.supervised ?? true;
    device.cloudConfiguration = organisationCloudConfiguration(
      { organisation: body.organisation, supervised, mdmServer: body.mdmServer },
      device.udid,
    );
    device.supervise(supervised ? body.organisation : null);
  }),
  media: route(MediaBody, (_lab, device, _id, body) => addMediaFiles(device.files, body.files)),
};

export const IOS_ACTIONS = Object.keys(ROUTES);

export async function handleIosControlRequest(
  lab: IosLabController | undefined,
  request: IosControlRequest,
): Promise<Record<string, unknown>> {
  const [collection, id, action, ...rest] = request.path;
  if (collection !== 'devices' || rest.length > 0)
    throw new IosRouteError(404, 'not-found', `no route ${request.method} /ios/${request.path.join('/')}`);
  if (id === undefined) {
    requireMethod(request, 'GET');
    return { devices: lab?.list() ?? [] };
  }
  const info = requireDevice(lab, id);
  if (action === undefined) {
    requireMethod(request, 'GET');
    return { device: info };
  }
  if (action === 'commands') {
    requireMethod(request, 'GET');
    return { commands: lab?.commands(id) ?? [] };
  }
  const selected = Object.hasOwn(ROUTES, action) ? ROUTES[action] : undefined;
  if (selected === undefined)
    throw new IosRouteError(
      404,
      'not-found',
      `unknown action "${action}" (known: ${IOS_ACTIONS.join(', ')})`,
    );
  requireMethod(request, 'POST');
  const parsed = selected.schema.safeParse(await request.readBody());
  if (!parsed.success)
    throw new IosRouteError(
      400,
      'invalid-body',
      `invalid body for ${action}: ${z.prettifyError(parsed.error)}`,
      parsed.error.issues,
    );
  const device = lab?.device(id);
  if (lab === undefined || device === undefined) throw unknownDevice(id);
  try {
    selected.action(lab, device, id, parsed.data);
  } catch (error) {
    throw new IosRouteError(409, 'device-refused', error instanceof Error ? error.message : String(error));
  }
  return { device: requireDevice(lab, id) };
}

function requireDevice(lab: IosLabController | undefined, id: string): IosLabDeviceInfo {
  const device = lab?.find(id);
  if (device === undefined) throw unknownDevice(id);
  return device;
}

function unknownDevice(id: string): IosRouteError {
  return new IosRouteError(
    404,
    'unknown-device',
    `no iOS device "${id}" (use an index, the UDID or the serial number)`,
  );
}

function requireMethod(request: IosControlRequest, method: 'GET' | 'POST'): void {
  if (request.method !== method)
    throw new IosRouteError(405, 'method-not-allowed', `use ${method} for /ios/${request.path.join('/')}`);
}
