// Hardening that applies to every web contents and session, whoever creates them: no
// navigation away from the app, no new windows, no webviews, no permissions. Modelled on
// Electron's security checklist; url-policy.ts holds the rules, this file wires them.
import { app, ipcMain, type IpcMainEvent, type Session } from 'electron';
import { isAppUrl, isTrustedFrame } from './url-policy.ts';

export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // The console opens no windows and no links outside itself.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The console needs no camera, location, notifications, USB from the page, nothing. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * The only way to listen on an ipcMain channel: messages from anything but the main frame
 * of our own renderer (a subframe, a page that got navigated elsewhere) are dropped. The
 * shell has no such channel today; the core is reached over the MessagePort instead.
 */
export function onTrustedIpc(
  channel: string,
  listener: (event: IpcMainEvent, ...args: unknown[]) => void,
): void {
  ipcMain.on(channel, (event, ...args: unknown[]) => {
    if (isTrustedFrame(event.senderFrame)) listener(event, ...args);
  });
}
