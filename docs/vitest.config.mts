import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The docs site's browser test: `npx nx run docs:test` (builds the site first). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Keep vitest's cache out of docs/ (it would otherwise create docs/node_modules).
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/docs', import.meta.url)),
  test: {
    include: ['site-tests/**/*.test.ts'],
    reporters: ['default'],
    // One browser and one crawl shared by every test; the crawl is bounded by pages, not time (site.test.ts).
    // ~190 pages take ~50 s on an idle 2-core machine and ~100 s beside the rest of `npm test`; the hook
    // timeout only catches a crawl that hangs.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 900_000,
  },
});
