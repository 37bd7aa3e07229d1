import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const apiRoot = fileURLToPath(new URL('../../../api/', import.meta.url));

/**
 * A throwaway project outside the monorepo: `files` (path → text) plus, unless `withApi` is false, a copy
 * (not a symlink, so paths stay inside the project) of the built `@workscript/api` in node_modules.
 */
export function createTempProject(
  files: Readonly<Record<string, string>>,
  withApi = true,
): { root: string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'workscript-bundle-'));
  if (withApi) {
    const api = path.join(root, 'node_modules/@workscript/api');
    mkdirSync(api, { recursive: true });
    cpSync(path.join(apiRoot, 'package.json'), path.join(api, 'package.json'));
    cpSync(path.join(apiRoot, 'dist'), path.join(api, 'dist'), { recursive: true });
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
