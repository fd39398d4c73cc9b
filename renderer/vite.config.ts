import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Paths are resolved from this file, so the build works from any working directory.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  base: './', // relative URLs: the same build loads from the station's `/` and from Electron's file URL
  plugins: [react()],
  build: {
    outDir: `${here}../dist/renderer`,
    emptyOutDir: true,
    // No inline scripts or styles in index.html (the station's CSP allows only 'self' scripts).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('/node_modules/@fluentui/react-icons/')) return 'icons';
          // Only the Fleet page (loaded on first use) draws charts: left out of the vendor chunk, they
          // load with it. (A named chunk for them captures React too and loads with the app.)
          if (
            /\/node_modules\/(@fluentui\/react-charts|@fluentui\/chart-utilities|d3-[a-z-]+|internmap)\//.test(
              id,
            )
          )
            return undefined;
          if (id.includes('/node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: { port: 5173, strictPort: false },
});
