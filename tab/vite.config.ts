/**
 * Builds the tab into dist/tab (served by the app server at `/`). `npm run build:tab`;
 * `npm run dev:tab` serves it with hot reload and proxies `/api/v1` to a running `npm start`.
 * Views are lazy-loaded chunks, so the JavaScript needed before the first render stays small
 * (tests/bench/tab.bench.ts measures it; target ≤ 250 kB gzip). The strings come one language per
 * chunk (messagesPlugin below).
 */
import react from '@vitejs/plugin-react';
import { defineConfig, runnerImport, type Plugin } from 'vite';

/**
 * The tab's strings, one language per chunk. core/i18n merges every area's Swedish and English
 * messages into two catalogues in one module (≈ 320 kB of source); the tab needs one of them.
 * This plugin serves `virtual:lis-messages/sv` and `virtual:lis-messages/en`, each the catalogue
 * of one language as a JSON string (parsed faster than an object literal), and
 * tab/app/messages.ts imports the person's language before the first render.
 *
 * The catalogues are read from core/i18n/sv.ts through Vite's own module runner (`runnerImport`),
 * so the config itself imports no TypeScript source; their files are watched in development.
 */
const PREFIX = 'virtual:lis-messages/';
const RESOLVED = '\0lis-messages:';
const LOCALES = ['sv', 'en'];
const SOURCE = decodeURIComponent(new URL('../core/i18n/sv.ts', import.meta.url).pathname);

type Catalogs = Record<string, Record<string, string>>;

function messagesPlugin(): Plugin {
  let loaded: Promise<{ module: Catalogs; dependencies: string[] }> | null = null;
  return {
    name: 'lis-messages',
    resolveId(id) {
      const locale = id.startsWith(PREFIX) ? id.slice(PREFIX.length) : null;
      return locale && LOCALES.includes(locale) ? RESOLVED + locale : null;
    },
    async load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const { module, dependencies } = await (loaded ??= runnerImport<Catalogs>(SOURCE, { configFile: false, logLevel: 'silent' }));
      for (const file of [SOURCE, ...dependencies]) this.addWatchFile(file);
      const catalog = module[id.slice(RESOLVED.length)]!;
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(catalog))});`;
    },
    // A message edited while `npm run dev:tab` runs: read the catalogues again.
    watchChange(file) {
      if (file.includes('/core/i18n/')) loaded = null;
    },
  };
}

const outDir = new URL('../dist/tab', import.meta.url).pathname;

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  plugins: [react(), messagesPlugin()],
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
