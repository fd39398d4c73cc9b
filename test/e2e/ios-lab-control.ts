import { labRequest } from './lab-control.ts';
import type { Station } from './station.ts';

/** A simulated iPhone as the lab's control API reports it (native/lab/ios/CONTROL-API.md). */
export interface LabIphone {
  index: number;
  udid: string;
  serial: string;
  modelName: string;
  status: 'online' | 'booting' | 'off' | 'unplugged';
  locationId: number;
  trust: string;
  inSetupAssistant: boolean;
  supervised: boolean;
  activationLock: boolean;
  userApps: number;
  profiles: number;
  cloudConfiguration: boolean;
  deviceName: string;
}

type Reply =
  | { ok: true; device?: LabIphone; devices?: LabIphone[] }
  | { ok: false; error: { code: string; message: string } };

/** Drives the station's simulated iPhones as a technician's hands would (Trust, erase, cables). */
export class IosLabControl {
  readonly #base: string;

  constructor(baseUrl: string) {
    this.#base = `${baseUrl.replace(/\/$/, '')}/ios/devices`;
  }

  static of(station: Station): IosLabControl {
    if (!station.labControlUrl) throw new Error('this station runs no lab; start it with stationOptions.lab');
    return new IosLabControl(station.labControlUrl);
  }

  async iphones(): Promise<LabIphone[]> {
    return (await this.#call('GET', '')).devices ?? [];
  }

  async iphone(index: number): Promise<LabIphone> {
    const device = (await this.#call('GET', `/${index}`)).device;
    if (!device) throw new Error(`no lab iPhone ${index}`);
    return device;
  }

  /** The slot name the bench gives an iPhone nobody has named ("USB <LocationID>"). */
  static slotName(iphone: LabIphone): string {
    return `USB ${iphone.locationId.toString(16).padStart(8, '0')}`;
  }

  acceptTrust = (index: number) => this.#act(index, 'accept-trust');
  erase = (index: number) => this.#act(index, 'erase');
  setActivationLock = (index: number, on: boolean) => this.#act(index, 'activation-lock', { on });
  setBattery = (index: number, level: number) => this.#act(index, 'battery', { level });

  async #act(index: number, action: string, body: object = {}): Promise<LabIphone> {
    const device = (await this.#call('POST', `/${index}/${action}`, body)).device;
    if (!device) throw new Error(`${action} on lab iPhone ${index} answered no device`);
    return device;
  }

  #call(method: 'GET' | 'POST', path: string, body?: object): Promise<Extract<Reply, { ok: true }>> {
    return labRequest<Reply>(`${this.#base}${path}`, method, body);
  }
}
