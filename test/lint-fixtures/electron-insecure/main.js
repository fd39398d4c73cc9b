// Deliberately insecure Electron main process: scripts/electronegativity.ts scans this
// folder on every run and fails unless the checker reports these mistakes, which proves the
// gate would catch them in our own code. Never imported or run.
const { app, BrowserWindow } = require('electron');

app.whenReady().then(() => {
  const window = new BrowserWindow({
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false,
      sandbox: false,
      webSecurity: false,
      allowRunningInsecureContent: true,
    },
  });
  window.loadURL('http://example.com/console.html');
});
