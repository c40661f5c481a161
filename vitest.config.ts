import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The CLI's compile cache (src/boot.ts) goes under .cache/ for runs that inherit this environment,
// not into the user's cache directory.
const env = { CREATE_PYO3_ASYNC_COMPILE_CACHE: fileURLToPath(new URL('.cache/compile-cache', import.meta.url)) };

export default defineConfig({
  test: {
    env,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'fast',
          include: ['test/{unit,snapshot,cli,prompts}/**/*.test.ts', 'test/hardening/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'real',
          // The hardening kill loop (100+ real processes, about 20 s) runs here to keep the fast tier fast.
          include: ['test/real/**/*.test.ts', 'test/hardening/real/**/*.test.ts'],
          globalSetup: ['test/real/setup.ts'],
          // Builds share one cargo target directory and one venv: run them one after another.
          fileParallelism: false,
          testTimeout: 30 * 60_000,
          hookTimeout: 30 * 60_000,
        },
      },
    ],
  },
});
