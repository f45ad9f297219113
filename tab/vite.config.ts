/**
 * Builds the tab into dist/tab (served by the app server at `/`). `npm run build:tab`;
 * `npm run dev:tab` serves it with hot reload and proxies `/api` to a running `npm start`.
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
    proxy: { '/api': 'http://127.0.0.1:3978' },
  },
});
