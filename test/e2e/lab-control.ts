import type { Station } from './station.ts';

/** A simulated phone as the lab's control API reports it (native/lab/adb/CONTROL-API.md). */
export interface LabPhone {
  index: number;
  adbSerial: string;
  /** The phone's own serial (ro.serialno). */
  serial: string;
  port: number;
  model: string;
  status: 'online' | 'offline' | 'unplugged' | 'stopped';
  authorized: boolean;
}

type Reply =
  | { ok: true; device?: LabPhone; devices?: LabPhone[]; commands?: { at: string; command: string }[] }
  | { ok: false; error: { code: string; message: string } };

/** Drives the station's simulated phones the way a technician's hands would (plug, yank, tap Allow). */
export class LabControl {
  readonly #base: string;

  constructor(baseUrl: string) {
    this.#base = baseUrl.replace(/\/$/, '');
  }

  static of(station: Station): LabControl {
    if (!station.labControlUrl) throw new Error('this station runs no lab; start it with stationOptions.lab');
    return new LabControl(station.labControlUrl);
  }

  async phones(): Promise<LabPhone[]> {
    return (await this.#call('GET', '/devices')).devices ?? [];
  }

  async phone(index: number): Promise<LabPhone> {
    const phone = (await this.#call('GET', `/devices/${index}`)).device;
    if (!phone) throw new Error(`no lab phone ${index}`);
    return phone;
  }

  /** The slot name the bench gives a lab phone nobody has named ("Lab <port>"). */
  async slotName(index: number): Promise<string> {
    return `Lab ${(await this.phone(index)).port}`;
  }

  /** The shell command lines the phone has run, oldest first. */
  async commands(index: number): Promise<string[]> {
    return ((await this.#call('GET', `/devices/${index}/commands`)).commands ?? []).map(
      (entry) => entry.command,
    );
  }

  /**
   * Whether the phone has started installing: a streamed install as adb does it, the commit of
   * a session staging uploaded into ahead (the upload itself installs nothing), or `pm install`.
   */
  async installStarted(index: number): Promise<boolean> {
    return (await this.commands(index)).some((line) =>
      /^(pm|cmd package) ('?install'? |install-commit )/.test(line),
    );
  }

  plug = (index: number) => this.#act(index, 'plug');
  yank = (index: number) => this.#act(index, 'yank');
  acceptRsa = (index: number) => this.#act(index, 'accept-rsa');
  addAccount = (index: number, name: string, type = 'com.google') =>
    this.#act(index, 'accounts', { type, name });
  setBattery = (index: number, level: number) => this.#act(index, 'battery', { level, charging: false });
  failNextInstall = (index: number, code = 'INSTALL_FAILED_INSUFFICIENT_STORAGE') =>
    this.#act(index, 'fail-next-install', { code });
  hangNextInstall = (index: number) => this.#act(index, 'hang-next-install');
  slowdown = (index: number, factor: number) => this.#act(index, 'slowdown', { factor });

  async #act(index: number, action: string, body: object = {}): Promise<LabPhone> {
    const phone = (await this.#call('POST', `/devices/${index}/${action}`, body)).device;
    if (!phone) throw new Error(`${action} on lab phone ${index} answered no device`);
    return phone;
  }

  #call(method: 'GET' | 'POST', path: string, body?: object): Promise<Extract<Reply, { ok: true }>> {
    return labRequest<Reply>(`${this.#base}${path}`, method, body);
  }
}

/** One request to the lab's control API; an `{ ok: false }` reply is thrown with its code and message. */
export async function labRequest<R extends { ok: boolean }>(
  url: string,
  method: 'GET' | 'POST',
  body?: object,
): Promise<Extract<R, { ok: true }>> {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const reply = (await response.json()) as R & { error?: { code: string; message: string } };
  if (!reply.ok) throw new Error(`lab ${method} ${url}: ${reply.error?.code}: ${reply.error?.message}`);
  return reply as Extract<R, { ok: true }>;
}

/** A sample profile shipped in resources/profiles, by its absolute path on the station PC. */
export function sampleProfile(name: 'kiosk' | 'frontline-shared' | 'office-worker' | 'mixed-office'): string {
  return new URL(`../../resources/profiles/${name}.yaml`, import.meta.url).pathname;
}

/**
 * Imports a profile through the station's contract API (`POST /api/profiles.import`), for tests
 * whose subject is not the import itself (the Profiles tests import through the page).
 */
export async function importProfile(station: Station, path: string): Promise<void> {
  const token = new URL(station.openUrl).searchParams.get('token') ?? '';
  const response = await fetch(`${station.origin}/api/profiles.import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ path }),
  });
  const reply = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!reply.ok) throw new Error(`profiles.import ${path}: ${reply.error?.message ?? response.status}`);
}
