import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The tab's per-language message chunks (made by tab/vite.config.ts) come straight from core/i18n here.
  resolve: {
    alias: {
      'virtual:lis-messages/sv': new URL('tests/setup/messages-sv.ts', import.meta.url).pathname,
      'virtual:lis-messages/en': new URL('tests/setup/messages-en.ts', import.meta.url).pathname,
    },
  },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    environment: 'node',
    // The tab's messages, which the build serves per language (tab/vite.config.ts).
    setupFiles: ['tests/setup/tab-messages.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Servers under test bind to 127.0.0.1 on ephemeral ports; files run in parallel processes.
    pool: 'forks',
  },
});
