import { defineConfig } from 'vitest/config';

/** Shared test defaults; each package's vitest.config.mts merges its own root over these. */
export default defineConfig({
  test: {
    globals: false,
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/fixtures/**', 'node_modules/**', 'dist/**'],
    typecheck: {
      enabled: true,
      include: ['tests/**/*.test-d.ts'],
      tsconfig: './tsconfig.spec.json',
    },
    reporters: ['default'],
    // A guard against hangs, not a speed check: some tests take 10–20 s on a loaded 2-core machine.
    testTimeout: 120_000,
  },
});
