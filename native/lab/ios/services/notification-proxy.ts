// com.apple.mobile.notification_proxy: a client observes Darwin notifications by name and
// is sent each one the device posts; `ideviceinstaller -w` waits on it for
// application_installed after an install.
import type { PlistDict } from '../../../ios/wire/plist-codec.ts';
import { onNotification, postNotification } from './device-notifications.ts';
import type { PlistConversation } from './plist-service.ts';
import { PlistService } from './plist-service.ts';

/** Wire format: requests and the messages the proxy sends. */
const COMMAND = {
  observe: 'ObserveNotification', // { Command, Name }
  post: 'PostNotification', // { Command, Name }
  shutdown: 'Shutdown', // answered { Command: 'ProxyDeath' }, then closed
} as const;
const RELAY = 'RelayNotification'; // { Command, Name } sent for each observed notification
const PROXY_DEATH = 'ProxyDeath';

export class NotificationProxyService extends PlistService {
  readonly name = 'com.apple.mobile.notification_proxy';
  readonly ssl = false;
  protected readonly requestKey = 'Command';
  readonly #observing = new WeakMap<PlistConversation, { names: Set<string>; stop: () => void }>();

  protected async handle(request: PlistDict, conversation: PlistConversation): Promise<'close' | void> {
    const name = typeof request.Name === 'string' ? request.Name : undefined;
    switch (this.requestName(request)) {
      case COMMAND.observe: {
        if (name) this.#observe(conversation).add(name);
        return;
      }
      case COMMAND.post:
        if (name) postNotification(conversation.device, name);
        return;
      case COMMAND.shutdown:
        await conversation.send({ Command: PROXY_DEATH });
        return 'close';
      default:
        // notification_proxy has no error replies; an unknown command is ignored, as on a device.
        return;
    }
  }

  protected override finish(conversation: PlistConversation): void {
    this.#observing.get(conversation)?.stop();
  }

  #observe(conversation: PlistConversation): Set<string> {
    let state = this.#observing.get(conversation);
    if (!state) {
      const names = new Set<string>();
      const stop = onNotification(conversation.device, (posted) => {
        if (names.has(posted)) void conversation.send({ Command: RELAY, Name: posted });
      });
      state = { names, stop };
      this.#observing.set(conversation, state);
    }
    return state.names;
  }
}
