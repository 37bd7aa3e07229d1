import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/api of this repository: the temp project resolves `@workscript/api` to it (its `dist`). */
const API_PACKAGE = fileURLToPath(new URL('../../packages/api', import.meta.url));

/** A synthetic project of `n` worker files in a temporary directory. */
export interface SyntheticProject {
  /** Absolute project root. */
  readonly root: string;
  /** Worker files relative to the root (`workers/w0000.ts`, ...), sorted. */
  readonly files: readonly string[];
  /** Absolute path of a file of `files`. */
  abs(file: string): string;
  /** Rewrites worker `i` with another revision (an extra output field), as an edit in an editor would. */
  edit(i: number, revision: number): string;
  remove(): void;
}

const id = (i: number) => String(i).padStart(4, '0');

/**
 * One small worker: imports from '@workscript/api', an interface input and output of a few fields (string,
 * Int, optional boolean, a string-literal union array), one constraint. `revision` > 0 adds an output field.
 */
export function workerSource(i: number, revision = 0): string {
  const name = `Sync${id(i)}`;
  return `import { defineWorker, type Int } from '@workscript/api';

export interface ${name}Input {
  since: string;
  pageSize: Int;
  dryRun?: boolean;
  kinds: ('contact' | 'photo')[];
}

export interface ${name}Output {
  fetched: Int;
  cursor: string;
  complete: boolean;${revision > 0 ? `\n  revision${revision}?: Int;` : ''}
}

export const sync${id(i)} = defineWorker({
  name: '${name}',
  constraints: { requiredNetworkType: 'CONNECTED' },
  tags: ['sync'],
  async run(input: ${name}Input, ctx) {
    const output: ${name}Output = {
      fetched: input.pageSize,
      cursor: input.since,
      complete: input.dryRun !== true && input.kinds.length > 0,
    };
    return ctx.success<${name}Output>(output);
  },
});
`;
}

/** Writes `n` worker files and a node_modules link to @workscript/api into a fresh temp directory. */
export function createSyntheticProject(n: number): SyntheticProject {
  const root = mkdtempSync(join(tmpdir(), 'workscript-bench-codegen-'));
  mkdirSync(join(root, 'node_modules', '@workscript'), { recursive: true });
  symlinkSync(API_PACKAGE, join(root, 'node_modules', '@workscript', 'api'), 'dir');
  mkdirSync(join(root, 'workers'));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const file = `workers/w${id(i)}.ts`;
    writeFileSync(join(root, file), workerSource(i));
    files.push(file);
  }
  const abs = (file: string) => resolve(root, file);
  return {
    root,
    files,
    abs,
    edit(i, revision) {
      const file = abs(`workers/w${id(i)}.ts`);
      writeFileSync(file, workerSource(i, revision));
      return file;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
