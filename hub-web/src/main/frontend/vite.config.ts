import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The build goes to hub-web/target/frontend, which the WAR takes in as its root. Every asset is a
// file of its own with its hash in its name (the hub caches those for good), none a data: URI, so
// that the Content Security Policy needs no more than 'self'.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../../../target/frontend',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    sourcemap: false,
    // One bundle for the whole app, for now: staff load it once and keep it (it is cached for good).
    chunkSizeWarningLimit: 1000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
