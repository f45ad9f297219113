/**
 * Builds the tab into dist/tab (served by the app server at `/`). `npm run build:tab`;
 * `npm run dev:tab` serves it with hot reload and proxies `/api/v1` to a running `npm start`.
 * Views are lazy-loaded chunks, so the JavaScript needed before the first render stays small
 * (tests/bench/tab.bench.ts measures it; target ≤ 250 kB gzip).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const outDir = new URL('../dist/tab', import.meta.url).pathname;

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    host: '127.0.0.1',
    // Only the API: `/api/…` is also where the tab's own `tab/api/*.ts` modules are served from.
    // The app server's port is PORT, as for `npm start` (default 3978).
    proxy: { '/api/v1': `http://127.0.0.1:${process.env.PORT ?? '3978'}` },
  },
});
