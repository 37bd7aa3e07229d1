import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A temporary project on disk inside this package, so `@workscript/api` resolves through the workspace's
 * node_modules. Remove it with the returned `dispose`.
 */
export async function createTempProject(
  files: Readonly<Record<string, string>>,
): Promise<{ root: string; dispose: () => Promise<void> }> {
  const root = await fs.mkdtemp(path.join(PACKAGE_DIR, '.tmp-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return { root, dispose: () => fs.rm(root, { recursive: true, force: true }) };
}

/** A small valid worker file. */
export const SYNC_WORKER = `import { defineWorker, type Int } from '@workscript/api';

export const syncContacts = defineWorker({
  name: 'SyncContacts',
  tags: ['sync'],
  run(input: { since: string; pageSize: Int }, ctx) {
    return ctx.success({ fetched: input.pageSize });
  },
});
`;
