import type { IosDeviceDriver } from '../../../../native/ios/ios-driver.ts';
import type { IosStep, IosStepType } from '../../../common/profile/profile-schema.ts';
import type { TemplateValues } from '../../../common/profile/template.ts';
import type { CheckedStep } from '../device-plan.ts';

/** What the profile's files are, read once per batch (see ios-payloads.ts). */
export interface IosPayloads {
  /** The bytes to send for a .mobileconfig (signed with the depot identity when `sign`). */
  configurationProfile(file: string, sign: boolean): Promise<{ identifier: string; bytes: Buffer }>;
  app(file: string): Promise<{ bundleId: string; version: string }>;
  /** DER certificates from PEM or DER files next to the profile. */
  certificates(files: string[]): Promise<Buffer[]>;
  /** The depot's supervision identity certificate (DER): hosts holding its key pair without a prompt. */
  supervisionCertificate(): Promise<Buffer>;
}

export interface IosStepContext {
  driver: IosDeviceDriver;
  profileDir: string;
  values: TemplateValues;
  payloads: IosPayloads;
  /** Runs a large transfer when the device's hub has bandwidth for it. */
  transfer: <T>(work: () => Promise<T>) => Promise<T>;
  /** After a restart or erase: resolves once the device is back and readable, with its new driver. */
  awaitReturn(timeoutMs: number): Promise<IosDeviceDriver>;
}

export type IosStepRunner<S extends IosStep = IosStep> = CheckedStep<S, IosStepContext>;
export type IosStepRunners = { [T in IosStepType]: IosStepRunner<Extract<IosStep, { type: T }>> };
