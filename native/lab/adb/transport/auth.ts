// The device side of ADB authorisation. A phone that has not accepted this host answers
// CNXN with AUTH(TOKEN); adb signs it with each of its keys (AUTH SIGNATURE), and when
// none is accepted sends its public key (AUTH RSAPUBLICKEY), which is when the "Allow USB
// debugging?" prompt appears. The device model decides whether the host is accepted
// (isAuthorized, and the 'authorized' event when the user taps Allow); once it is, we
// send CNXN and `adb devices` moves from `unauthorized` to `device`.
import { randomBytes } from 'node:crypto';
import { deviceBanner } from '../protocol/banner.ts';
import type { AdbFeature } from '../protocol/features.ts';
import {
  A_VERSION,
  AUTH_TOKEN_SIZE,
  AuthType,
  Command,
  MAX_PAYLOAD,
  type Packet,
} from '../protocol/packet.ts';
import type { VirtualAndroidDevice } from '../virtual-device-api.ts';

type Send = (command: number, arg0: number, arg1: number, data?: Buffer) => void;

type AuthState = 'idle' | 'token-sent' | 'prompt-showing' | 'online';

export class AuthHandshake {
  readonly #device: VirtualAndroidDevice;
  readonly #features: readonly AdbFeature[];
  readonly #send: Send;
  #state: AuthState = 'idle';
  readonly #unsubscribe: () => void;

  constructor(
    device: VirtualAndroidDevice,
    features: readonly AdbFeature[],
    send: Send,
    onError: (error: unknown) => void,
  ) {
    this.#device = device;
    this.#features = features;
    this.#send = send;
    this.#unsubscribe = device.onLifecycle((event) => {
      if (event.type !== 'authorized' || (this.#state !== 'token-sent' && this.#state !== 'prompt-showing'))
        return;
      try {
        this.#connect();
      } catch (error) {
        // Never throw into the model's event loop; the connection decides what to do.
        onError(error);
      }
    });
  }

  get online(): boolean {
    return this.#state === 'online';
  }

  /** The host sent CNXN. */
  start(): void {
    if (this.#device.isAuthorized()) this.#connect();
    else this.#challenge();
  }

  handleAuth(packet: Packet): void {
    if (this.#state === 'idle' || this.#state === 'online') return;
    if (packet.arg0 === AuthType.SIGNATURE) {
      // The model stands in for adbd's key store: an accepted host's signature verifies.
      if (this.#device.isAuthorized()) this.#connect();
      else this.#challenge();
    } else if (packet.arg0 === AuthType.RSAPUBLICKEY) {
      this.#state = 'prompt-showing';
      if (this.#device.isAuthorized()) this.#connect();
    }
  }

  dispose(): void {
    this.#unsubscribe();
  }

  #challenge(): void {
    this.#state = 'token-sent';
    this.#send(Command.AUTH, AuthType.TOKEN, 0, randomBytes(AUTH_TOKEN_SIZE));
  }

  #connect(): void {
    this.#state = 'online';
    this.#send(
      Command.CNXN,
      A_VERSION,
      MAX_PAYLOAD,
      deviceBanner(this.#device.bannerProperties(), this.#features),
    );
  }
}
