// Entry of the desktop app (bundled to dist/electron/main.cjs). Lifecycle only: each
// concern (protocol, hardening, core process, window, menu) lives in its own module and is
// set up from here, in the order Electron requires.
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { resolveDataDir } from '../core/data-dir.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { CoreProcess } from './core-process.ts';
import { buildAppMenu } from './menu.ts';
import { CORE_HOST_PATH, PRELOAD_PATH, RENDERER_DIR } from './paths.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { createMainWindow } from './window.ts';

const log = (message: string) => process.stderr.write(`[main] ${message}\n`);

// The desktop app, station mode and the CLI share one store: the same resolution as
// `depotline serve` (DEPOTLINE_DATA_DIR, else the per-user "Depotline" folder, which is what
// Electron's userData would be). Set before anything reads a path, and before the
// single-instance lock, which lives in userData.
const dataDir = resolveDataDir(undefined);
app.setPath('userData', dataDir);

// Both must happen before `ready`.
registerAppScheme();
app.enableSandbox();
hardenWebContents();

if (!app.requestSingleInstanceLock()) {
  // Two consoles on one database would fight over the bench; the first one takes focus.
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let coreStopped = false;

  const core = new CoreProcess({
    hostPath: CORE_HOST_PATH,
    dataDir,
    log,
    onFatal: (message) => {
      dialog.showErrorBox('Depotline cannot start its core', message);
      app.quit();
    },
  });

  const openWindow = () => {
    mainWindow = createMainWindow({
      preloadPath: PRELOAD_PATH,
      onPageLoaded: (window) => core.connectRenderer(window.webContents),
    });
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && !mainWindow) openWindow();
  });

  // Give the core its chance to close the database before the process goes away.
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    serveRenderer(session.defaultSession, RENDERER_DIR);
    Menu.setApplicationMenu(buildAppMenu());
    core.start();
    openWindow();
  });
}
