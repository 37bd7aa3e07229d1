/**
 * Golden tests (style.md R32–R34): every directory under tests/fixtures/ is a case.
 *
 *   <case>/input/**\/*.ts        worker sources (the project root of the case)
 *   <case>/options.json          optional: { "kotlinPackage": "..." }
 *   <case>/expected/ir.json      the IR
 *   <case>/expected/kotlin/**    generated Kotlin
 *   <case>/expected/workscript.json   the manifest
 *   <case>/expected/diagnostics.txt   warnings, if any
 *   _error_/<case>/expected/diagnostics.txt   rendered diagnostics; the case must produce an error
 *
 * UPDATE_GOLDENS=1 rewrites changed files, creates missing ones and deletes stale ones.
 * GOLDEN_FILTER=<regex> runs only the matching cases.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, generate } from '../src/index.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const UPDATE = process.env['UPDATE_GOLDENS'] === '1';
const FILTER =
  process.env['GOLDEN_FILTER'] === undefined ? undefined : new RegExp(process.env['GOLDEN_FILTER']);
const HINT =
  'Generated output differs from the golden file. If the change is intended, run: UPDATE_GOLDENS=1 npx nx test codegen';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/** Removes folders left empty by deleted goldens (e.g. after a package rename). */
async function removeEmptyDirs(dir: string): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) if (e.isDirectory()) await removeEmptyDirs(path.join(dir, e.name));
  if ((await fs.readdir(dir).catch(() => ['?'])).length === 0) await fs.rmdir(dir);
}

async function listCases(): Promise<{ name: string; dir: string; error: boolean }[]> {
  const dirs = async (d: string): Promise<string[]> =>
    (await fs.readdir(d, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  const accepted = (await dirs(FIXTURES))
    .filter((n) => n !== '_error_')
    .map((n) => ({ name: n, dir: path.join(FIXTURES, n), error: false }));
  const errors = (await dirs(path.join(FIXTURES, '_error_'))).map((n) => ({
    name: `_error_/${n}`,
    dir: path.join(FIXTURES, '_error_', n),
    error: true,
  }));
  return [...accepted, ...errors].filter((c) => FILTER === undefined || FILTER.test(c.name));
}

/** Compares (or with UPDATE_GOLDENS rewrites) `expected/` against the actual files. */
async function assertGoldens(expectedDir: string, actual: ReadonlyMap<string, string>): Promise<void> {
  const existing = await listFiles(expectedDir);
  if (UPDATE) {
    for (const [rel, content] of actual) {
      const target = path.join(expectedDir, rel);
      const current = await fs.readFile(target, 'utf8').catch(() => undefined);
      if (current !== content) {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content);
      }
    }
    for (const rel of existing) if (!actual.has(rel)) await fs.rm(path.join(expectedDir, rel));
    await removeEmptyDirs(expectedDir);
    return;
  }
  expect([...actual.keys()].sort(), `${HINT}\n(the set of generated files changed)`).toEqual(existing);
  for (const [rel, content] of actual) {
    const expected = await fs.readFile(path.join(expectedDir, rel), 'utf8');
    expect(content, `${HINT}\n(file: ${rel})`).toBe(expected);
  }
}

/** Imports the file never uses: each is a warning in the user's Kotlin build. */
function unusedImports(kotlin: string): string[] {
  const body = kotlin
    .split('\n')
    .filter((l) => !l.startsWith('import '))
    .join('\n');
  return [...kotlin.matchAll(/^import ([\w.]+)$/gm)]
    .map((m) => m[1] ?? '')
    .filter((q) => !new RegExp(`\\b${q.slice(q.lastIndexOf('.') + 1)}\\b`).test(body));
}

const cases = await listCases();

describe('golden fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('$name', async ({ dir, error }) => {
    const inputDir = path.join(dir, 'input');
    const files = (await listFiles(inputDir)).filter((f) => f.endsWith('.ts'));
    const options = JSON.parse(
      await fs.readFile(path.join(dir, 'options.json'), 'utf8').catch(() => '{}'),
    ) as { kotlinPackage?: string };
    const result = await generate({
      projectRoot: inputDir,
      files,
      outDir: '../out',
      bundle: false,
      write: false,
      ...(options.kotlinPackage === undefined ? {} : { kotlinPackage: options.kotlinPackage }),
    });
    const actual = new Map<string, string>();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (error) {
      expect(errors.length, 'an _error_ case must produce at least one error').toBeGreaterThan(0);
    } else {
      expect(
        formatDiagnostics(errors, { sources: result.sources }),
        'an accepted case must produce no errors',
      ).toBe('');
      actual.set('ir.json', `${JSON.stringify(result.ir, null, 2)}\n`);
      for (const f of result.files) {
        if (f.path.endsWith('.kt'))
          expect(unusedImports(f.content), `unused imports in ${f.path}`).toEqual([]);
        actual.set(f.path.replace(/^assets\//, ''), f.content);
      }
    }
    if (result.diagnostics.length > 0)
      actual.set('diagnostics.txt', formatDiagnostics(result.diagnostics, { sources: result.sources }));
    await assertGoldens(path.join(dir, 'expected'), actual);
  });
});
