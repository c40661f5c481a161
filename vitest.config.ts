import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
