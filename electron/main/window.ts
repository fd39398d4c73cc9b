// The one console window. Every webPreference that matters is spelled out, even where it
// is Electron's default, so a reader (and electronegativity) sees the whole policy here.
import { BrowserWindow } from 'electron';
import { APP_START_URL } from './url-policy.ts';

export interface MainWindowOptions {
  preloadPath: string;
  /** Called after each load of the page, when the preload is listening for its port. */
  onPageLoaded: (window: BrowserWindow) => void;
}

export function createMainWindow({ preloadPath, onPageLoaded }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Depotline',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click must not open links in a new window behind the handler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-finish-load', () => onPageLoaded(window));
  void window.loadURL(APP_START_URL);
  return window;
}
