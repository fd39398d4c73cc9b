// Installs in two halves, as PackageInstaller sessions let any installer do (adb's
// install-multiple, MDM agents): the APK is streamed into a session (`cmd package
// install-create`, then `install-write` with the bytes on stdin), and the session is committed
// later (`install-commit`), when its step runs. Writing takes none of the phone's install lock
// (PackageManagerService installs one package at a time; a session's bytes are just a file in
// /data/app/vmdl<id>.tmp), so a job uploads its next app while the phone installs the one
// before, and the upload leaves the critical path.
import { stat } from 'node:fs/promises';
import type { AdbDeviceClient } from './adb-client.ts';
import { DeviceCommandError } from './android-driver.ts';
import { withDeviceErrors } from './shell.ts';
import { StagedUploads } from '../staged-uploads.ts';
import { streamApk, streamRefusal, type InstallRoute } from './streamed-install.ts';

/** An install session holding a whole APK, not committed yet. */
export interface StagedSession {
  sessionId: number;
  /** Abandons the session (its bytes go with it); never throws. */
  remove(): Promise<void>;
}

export interface SessionDeps {
  device: AdbDeviceClient;
  serial: string;
  /** How the device takes a stream into the package manager ('push': not at all). */
  route: () => Promise<InstallRoute>;
  /** Runs a command line that must succeed; resolves with its output, else throws its words. */
  must: (command: string) => Promise<string>;
  /** Runs a command line whatever its outcome. */
  run: (command: string) => Promise<unknown>;
  describe: (output: string) => string | undefined;
}

export const commitCommand = (sessionId: number) => `cmd package install-commit ${sessionId}`;
const abandonCommand = (sessionId: number) => `cmd package install-abandon ${sessionId}`;

/** The session id in "Success: created install session [1234567890]". */
export function createdSessionId(output: string): number {
  const match = /^Success: created install session \[(\d+)\]/m.exec(output);
  if (!match) throw new DeviceCommandError(`the phone did not open an install session: ${output.trim()}`);
  return Number(match[1]);
}

/**
 * A device's APKs uploaded ahead of their install: `stage` opens a session and streams the APK
 * into it; `take` hands a staged session to the install that commits it; `discard` abandons
 * the ones no install took (the job ended first).
 */
export class SessionUploads {
  readonly #deps: SessionDeps;
  readonly #staged = new StagedUploads<StagedSession, number>();

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  /** Streams `apkPath` into a new session; a second call for the same path returns the same promise. */
  stage(apkPath: string): Promise<void> {
    return this.#staged.start(apkPath, async () => {
      const { device, serial, describe } = this.#deps;
      const route = await this.#deps.route();
      if (route === 'push') throw new DeviceCommandError('this Android version takes no streamed install');
      // A session an earlier upload could not abandon (its connection died) goes first.
      await this.#abandonLeftBehind();
      const size = (await stat(apkPath)).size;
      const sessionId = createdSessionId(await this.#deps.must(`cmd package install-create -r -S ${size}`));
      const remove = () =>
        this.#deps.run(abandonCommand(sessionId)).then(
          () => undefined,
          () => this.#staged.leftBehind(sessionId),
        );
      const args = ['install-write', '-S', String(size), String(sessionId), 'base.apk', '-'];
      const service =
        route === 'abb_exec' ? `abb_exec:package\0${args.join('\0')}` : `exec:cmd package ${args.join(' ')}`;
      try {
        const { text, written } = await withDeviceErrors(serial, () =>
          streamApk(device, apkPath, size, service),
        );
        if (!/^Success: streamed/m.test(text)) throw streamRefusal(serial, text, written, describe);
      } catch (error) {
        await remove();
        throw error;
      }
      return { sessionId, remove };
    });
  }

  /** Whether `apkPath` was staged (or is being staged) and no install has taken it yet. */
  has(apkPath: string): boolean {
    return this.#staged.has(apkPath);
  }

  /** The session holding `apkPath` once its upload is over; undefined when none was staged or it failed. */
  async take(apkPath: string): Promise<StagedSession | undefined> {
    return this.#staged.take(apkPath)?.uploaded.catch(() => undefined);
  }

  /** Abandons every session no install took (waiting for uploads still running); never throws. */
  async discard(): Promise<void> {
    await this.#staged.discard();
    await this.#abandonLeftBehind();
  }

  /** Abandons sessions an earlier upload could not (its connection died); best effort, never throws. */
  async #abandonLeftBehind(): Promise<void> {
    for (const left of this.#staged.takeLeftBehind())
      await this.#deps.run(abandonCommand(left)).catch(() => undefined);
  }
}
