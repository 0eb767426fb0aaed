/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Go server listens on 127.0.0.1:8080 in development (`relance serve`); RELANCE_API overrides it.
const backend = process.env.RELANCE_API || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
    },
  },
  preview: { host: '127.0.0.1' },
  build: {
    // Embedded by the Go binary (frontend/embed.go: //go:embed all:dist).
    // public/.gitkeep is copied back, so the tracked dist/.gitkeep survives the build.
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    // Page tests type into Mantine fields under jsdom: seconds each on a busy 2-core machine.
    testTimeout: 20_000,
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
