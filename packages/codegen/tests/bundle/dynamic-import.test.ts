import { SourceMap, type SourceMapPayload } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { createBundle, type BundleWorker } from '../../src/bundle/create-bundle.js';
import { createBundler } from '../../src/bundle/create-bundler.js';
import { decodeSegment } from '../../src/bundle/vlq.js';
import { QuickJsGuest } from './quickjs-guest.js';
import { createTempProject } from './temp-project.js';

/**
 * A worker that imports the prelude's modules only dynamically. Line 6 keeps code after the import on its
 * line of esbuild's output (one declaration list), so the rewrite widens a mapped line: `api.int` throws an
 * IntegerRangeError for a fraction, and its call's stack frame must still map to its column.
 */
const LAZY_WORKER = [
  "import { defineWorker } from '@workscript/api';",
  '',
  'export const lazy = defineWorker({',
  "  name: 'Lazy',",
  '  async run(input: { n: number }, ctx) {',
  "    const api = await import('@workscript/api'), n = api.int(input.n), guest = import('@workscript/api/guest');",
  '    const { installWorkscript } = await guest;',
  '    return ctx.success({',
  '      n,',
  '      isInt: api.isInt(input.n + 0.5),',
  '      state: api.WorkState.SUCCEEDED,',
  "      whole: Object.keys(api).includes('defineWorker'),",
  '      guest: typeof installWorkscript,',
  "      same: api === (await import('@workscript/api')),",
  '    });',
  '  },',
  '});',
  '',
].join('\n');

const WORKERS: BundleWorker[] = [{ name: 'Lazy', exportName: 'lazy', sourceFile: 'src/lazy.ts', shapes: {} }];

interface Map3 {
  sources: string[];
  mappings: string;
}

describe('createBundle with a dynamic import() of @workscript/api and @workscript/api/guest', () => {
  const project = createTempProject({ 'src/lazy.ts': LAZY_WORKER });
  afterAll(() => project.remove());
  const bundle = createBundle({ projectRoot: project.root, workers: WORKERS });
  const run = (guest: QuickJsGuest, n: number) =>
    JSON.parse(
      guest.run({
        worker: 'Lazy',
        inputJson: JSON.stringify({ n }),
        contextJson: '{"runId":"r","id":"w","tags":[],"runAttemptCount":0,"generation":0}',
        reply: () => '{"ok":true,"value":null}',
      }).resultJson,
    ) as { status: string; output?: unknown; error?: { name: string; stack: string } };

  it('runs in QuickJS: import() resolves to the whole module from the prelude, the same object each time', async () => {
    const { code } = await bundle;
    expect(code).not.toMatch(/\bimport\(/);
    const guest = await QuickJsGuest.load(code);
    try {
      expect(run(guest, 3)).toEqual({
        status: 'success',
        output: { n: 3, isInt: false, state: 'SUCCEEDED', whole: true, guest: 'function', same: true },
      });
    } finally {
      guest.dispose();
    }
  });

  it('maps every segment of the widened line to the same token of the source, and a stack frame after it', async () => {
    const { code, map } = await bundle;
    const parsed = JSON.parse(map) as Map3;
    const lazy = parsed.sources.indexOf('src/lazy.ts');
    const codeLines = code.split('\n');
    const sourceLines = LAZY_WORKER.split('\n');
    const widened = codeLines.findIndex((l) => l.includes('__workscriptImport("@workscript/api"), n = '));
    expect(widened).toBeGreaterThan(0);
    // The widened line's segments, absolute: each that starts a word in the source starts it in the code.
    let source = 0;
    let oLine = 0;
    let oColumn = 0;
    const checked: string[] = [];
    parsed.mappings.split(';').forEach((text, line) => {
      let column = 0;
      for (const segment of text === '' ? [] : text.split(',')) {
        const v = decodeSegment(segment);
        column += v[0] ?? 0;
        if (v.length < 4) continue;
        source += v[1] ?? 0;
        oLine += v[2] ?? 0;
        oColumn += v[3] ?? 0;
        if (line !== widened) continue;
        expect(source).toBe(lazy);
        const word = /^[\w$]+/.exec(sourceLines[oLine]?.slice(oColumn) ?? '')?.[0];
        if (word === undefined) continue;
        // esbuild maps a line's indentation to its first statement.
        const generated = codeLines[line]?.slice(column).trimStart() ?? '';
        const expected = word === 'import' ? '__workscriptImport' : word;
        expect(generated.startsWith(expected), `${word} at ${column}: ${generated}`).toBe(true);
        checked.push(word);
      }
    });
    expect(checked).toEqual(expect.arrayContaining(['api', 'import', 'n', 'int', 'input', 'guest']));

    const guest = await QuickJsGuest.load(code);
    try {
      const { error } = run(guest, 1.5);
      expect(error?.name).toBe('IntegerRangeError');
      const frames = [...(error?.stack ?? '').matchAll(/workers\.js:(\d+):(\d+)/g)];
      const sourceMap = new SourceMap(JSON.parse(map) as SourceMapPayload);
      const at = frames
        .map((f) => sourceMap.findEntry(Number(f[1]) - 1, Number(f[2]) - 1))
        .find((e) => 'originalSource' in e && e.originalSource === 'src/lazy.ts') as
        { originalLine: number; originalColumn: number } | undefined;
      expect(at, error?.stack).toBeDefined();
      const line = sourceLines[at?.originalLine ?? -1] ?? '';
      expect(line.slice(at?.originalColumn)).toMatch(/^(api\.)?int\(input\.n\)/);
    } finally {
      guest.dispose();
    }
  });

  it('gives the same bytes through createBundler (watch)', async () => {
    const bundler = createBundler(project.root);
    try {
      expect(await bundler.bundle(WORKERS)).toEqual({ bundle: await bundle, unbundledImports: [] });
    } finally {
      await bundler.dispose();
    }
  });
});
