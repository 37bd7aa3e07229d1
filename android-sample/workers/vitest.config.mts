import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'android-sample',
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
