import { cpSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Copies `tests/fixtures/<name>` into a new temp folder that resolves `@workscript/api` through its own
 * `node_modules` (a symlink to the real package), as a user's project does. The default cache then lives
 * in that folder's `node_modules/.cache/workscript`, so every test starts without a cache.
 */
export function copyFixture(name: string): string {
  const root = mkdtempSync(path.join(tmpdir(), `workscript-testing-${name}-`));
  cpSync(path.join(FIXTURES, name), root, { recursive: true });
  const api = path.dirname(createRequire(import.meta.url).resolve('@workscript/api/package.json'));
  mkdirSync(path.join(root, 'node_modules', '@workscript'), { recursive: true });
  symlinkSync(realpathSync(api), path.join(root, 'node_modules', '@workscript', 'api'), 'dir');
  return root;
}
