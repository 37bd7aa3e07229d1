import { SourceMap, type SourceMapPayload } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { createBundle } from '../../src/bundle/create-bundle.js';
import { toWorkersScript } from '../../src/bundle/external-imports.js';
import { QuickJsGuest } from './quickjs-guest.js';
import { createTempProject } from './temp-project.js';

const EXTERNAL = ['@workscript/api', '@workscript/api/guest'];

describe('toWorkersScript (esbuild ESM output → the body of the workers wrapper)', () => {
  it('binds every import form on the first line, blanks the statements and keeps the line count', () => {
    const esm = [
      '((require) => {',
      '',
      '// workscript-entry.js',
      'import { installWorkscript } from "@workscript/api/guest";',
      '',
      '// src/a.ts',
      'import {',
      '  defineWorker as defineWorker2,',
      '  int',
      '} from "@workscript/api";',
      'import * as api from "@workscript/api";',
      'import lib from "some-lib";',
      'var a = defineWorker2({ name: int(1), api, lib });',
      '})(__workscriptPrelude.load);',
      '',
    ].join('\n');
    const script = toWorkersScript(esm, EXTERNAL);
    const lines = script.code.split('\n');
    expect(lines).toHaveLength(esm.split('\n').length);
    expect(lines[0]).toBe(
      '((require) => { var { installWorkscript } = require("@workscript/api/guest"); ' +
        'var { defineWorker: defineWorker2, int } = require("@workscript/api"); var api = require("@workscript/api");',
    );
    expect(lines.slice(3, 11)).toEqual(['', '', '// src/a.ts', '', '', '', '', '']);
    expect(lines[11]).toBe('import lib from "some-lib";'); // not external: esbuild's business
    expect(script.uses).toEqual(
      new Map<string, Set<string> | '*'>([
        ['@workscript/api/guest', new Set(['installWorkscript'])],
        ['@workscript/api', '*'],
      ]),
    );
  });

  it('reads default, quoted and side-effect imports', () => {
    const esm = [
      '((require) => {',
      'import d, { "a-b" as ab, c } from "@workscript/api";',
      'import "@workscript/api/guest";',
      '})(__workscriptPrelude.load);',
    ].join('\n');
    const script = toWorkersScript(esm, EXTERNAL);
    expect(script.code.split('\n')[0]).toBe(
      '((require) => { var { default: d, "a-b": ab, c } = require("@workscript/api"); require("@workscript/api/guest");',
    );
    expect(script.uses).toEqual(
      new Map<string, Set<string> | '*'>([
        ['@workscript/api', new Set(['default', 'a-b', 'c'])],
        ['@workscript/api/guest', '*'],
      ]),
    );
  });

  it("finds imports where esbuild leaves them: in each module's part, after its export helpers", () => {
    // esbuild does not hoist them: this is its output for a module with `export { defineWorker as reexp }`.
    const esm = [
      '((require) => {',
      '// src/d.ts',
      'var d_exports = {};',
      '__export(d_exports, {',
      '  reexp: () => defineWorker2',
      '});',
      'import { defineWorker as defineWorker2 } from "@workscript/api";',
      '})(__workscriptPrelude.load);',
    ].join('\n');
    const script = toWorkersScript(esm, EXTERNAL);
    expect(script.code).toBe(
      esm
        .replace('{', '{ var { defineWorker: defineWorker2 } = require("@workscript/api");')
        .replace('import { defineWorker as defineWorker2 } from "@workscript/api";', ''),
    );
  });

  it("counts a CommonJS require of an external module only where esbuild's __require helper calls it", () => {
    const esm = [
      '((require) => {',
      'var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : x)(function(x) {',
      "  throw Error('Dynamic require of \"' + x + '\" is not supported');",
      '});',
      'var a = __require("@workscript/api/guest");',
      'var b = [\'__require("@workscript/api")\', `__require("@workscript/api")`, x.__require("@workscript/api")];',
      '})(__workscriptPrelude.load);',
    ].join('\n');
    expect(toWorkersScript(esm, EXTERNAL)).toEqual({
      code: esm,
      uses: new Map([['@workscript/api/guest', '*']]),
      shifts: [],
      unbundledImports: [],
    });
    // Without the helper, esbuild emitted no such call: a function of the user's has that name.
    const own = '((require) => {\nvar a = __require("@workscript/api/guest");\n})(__workscriptPrelude.load);';
    expect(toWorkersScript(own, EXTERNAL)).toEqual({
      code: own,
      uses: new Map(),
      shifts: [],
      unbundledImports: [],
    });
  });

  it('throws for an import statement esbuild would not print, naming it', () => {
    const esm = '((require) => {\nimport x from "@workscript/api" with { type: "json" };\n})(load);';
    expect(() => toWorkersScript(esm, EXTERNAL)).toThrow(
      `unexpected import statement 'import x from "@workscript/api" with { type: "json" };' in esbuild's output`,
    );
  });

  it('leaves code without external imports as it is', () => {
    const esm = '((require) => {\nvar a = 1;\n})(__workscriptPrelude.load);\n';
    expect(toWorkersScript(esm, EXTERNAL)).toEqual({
      code: esm,
      uses: new Map(),
      shifts: [],
      unbundledImports: [],
    });
  });

  it('calls the prelude for a dynamic import of an external module, uses it whole and says which columns moved', () => {
    const esm = [
      '((require) => {',
      'import { int } from "@workscript/api";',
      'var a = async () => [await import("@workscript/api"), `${import("@workscript/api/guest")}`];',
      'var b = () => import("some-lib").then(() => import("@workscript/api/guest"));',
      '})(__workscriptPrelude.load);',
    ].join('\n');
    const script = toWorkersScript(esm, EXTERNAL);
    expect(script.code.split('\n')).toEqual([
      '((require) => { var { int } = require("@workscript/api"); ' +
        'var __workscriptImport = (id) => Promise.resolve(id).then(require);',
      '',
      'var a = async () => [await __workscriptImport("@workscript/api"), `${__workscriptImport("@workscript/api/guest")}`];',
      'var b = () => import("some-lib").then(() => __workscriptImport("@workscript/api/guest"));',
      '})(__workscriptPrelude.load);',
    ]);
    expect(script.uses).toEqual(
      new Map([
        ['@workscript/api', '*'],
        ['@workscript/api/guest', '*'],
      ]),
    );
    // Columns in esbuild's output, after each `import` keyword; each moves by the 12 characters added.
    expect(script.shifts).toEqual([
      { line: 2, from: 33, by: 12 },
      { line: 2, from: 63, by: 12 },
      { line: 3, from: 50, by: 12 },
    ]);
  });

  it('leaves what only reads like a dynamic import of a prelude module as it is', () => {
    const esm = [
      '((require) => {',
      'var a = [\'import("@workscript/api")\', `import("@workscript/api")`, /import("@workscript\\/api")/];',
      '// import("@workscript/api")',
      'var b = [x.import("@workscript/api"), this.#import("@workscript/api"), reimport("@workscript/api")];',
      'var c = import(name);',
      '})(__workscriptPrelude.load);',
    ].join('\n');
    expect(toWorkersScript(esm, EXTERNAL)).toEqual({
      code: esm,
      uses: new Map(),
      shifts: [],
      unbundledImports: [{ line: 4, column: 8, text: 'import(name)', literal: undefined }],
    });
  });

  it('lists every other dynamic import where esbuild printed it, also a prelude module with more to its specifier', () => {
    const esm = [
      '((require) => {',
      'var a = () => import("some-lib").then(() => import(`${base}/x.js`));',
      '  var b = import("@workscript/api" + suffix), c = import(\n    (name)\n  );',
      'var d = import("@workscript/api", { with: { type: "js" } });',
      '})(__workscriptPrelude.load);',
    ].join('\n');
    const script = toWorkersScript(esm, EXTERNAL);
    expect(script.unbundledImports).toEqual([
      { line: 1, column: 14, text: 'import("some-lib")', literal: 'some-lib' },
      { line: 1, column: 44, text: 'import(`${base}/x.js`)', literal: undefined },
      { line: 2, column: 10, text: 'import("@workscript/api" + suffix)', literal: undefined },
      { line: 2, column: 50, text: 'import((name))', literal: undefined },
    ]);
    // With import options the literal is still the whole specifier: the prelude's module.
    expect(script.uses).toEqual(new Map([['@workscript/api', '*']]));
    expect(script.code).toContain('var d = __workscriptImport("@workscript/api", {');
  });
});

/** The import every lookalike case ends with, which must be found. */
const REAL = 'import { real } from "@workscript/api";';
/** A line that reads like an import but is text, here of a template literal. */
const FAKE = 'import { fake } from "@workscript/api";';

/**
 * Code before {@link REAL} whose literals would hide it, or expose {@link FAKE}, if a regular expression were
 * taken for a division or a division for a regular expression: each regular expression holds a backtick (read
 * as a template literal, it would run over the real import), each division is followed by a template literal
 * with a `/` (read as a regular expression up to there, the template would not open).
 */
const LOOKALIKES: Record<string, readonly string[]> = {
  'a template literal': ['var doc = `', FAKE, 'import "@workscript/api/guest";', '`;'],
  'a nested template literal': ['var doc = `${`${{ a: 1 }.a}`}', FAKE, '`;'],
  'a legal comment': ['/*! legal text', FAKE, '*/'],
  'a string': [`var s = '${FAKE}';`],
  'regexp after if (...)': ['if (x) /`/.test(y);'],
  'regexp after while (...)': ['while (x) /`/.test(y);'],
  'regexp after for (...)': ['for (; ; ) /`/.test(y);'],
  'regexp after for await (...)': ['for await (const z of w) /`/.test(z);'],
  'regexp starting a line after a block': ['{', '}', '/`/.test(y);'],
  'regexp after return': ['function f() {', '  return /`/;', '}'],
  'regexp after typeof': ['var a = typeof /`/;'],
  'regexp after operators': ['var a = x ? /`/ : [/[/`]/, !/`/];'],
  'regexp after an arrow': ['var a = () => /`/;'],
  'regexp after a comment': ['var a = x ? /* c */ /`/ : 1;'],
  'regexp as an element on its own line': ['var a = [', '  /`/', '];'],
  'division after a name': ['var a = b / 2 + `/', FAKE, '`;'],
  'division after a non-ASCII name': ['var a = ü / 2 + `/', FAKE, '`;'],
  'division after a keyword as a property': ['var a = this.return / 2 + `/', FAKE, '`;'],
  'division after a call': ['var a = f(x) / 2 + `/', FAKE, '`;'],
  'division after (...)': ['var a = (b + c) / 2 + `/', FAKE, '`;'],
  'division after [...]': ['var a = b[0] / 2 + `/', FAKE, '`;'],
  'division after {...}': ['var a = {} / 2 + `/', FAKE, '`;'],
  'division after a postfix ++': ['var a = b++ / 2 + `/', FAKE, '`;'],
  'division after a string': ['var a = "1" / 2 + `/', FAKE, '`;'],
};

describe('toWorkersScript: text that reads like an import statement', () => {
  it.each(Object.entries(LOOKALIKES))('in %s stays as it is', (_, lines) => {
    const esm = ['((require) => {', ...lines, REAL, '})(__workscriptPrelude.load);'].join('\n');
    const script = toWorkersScript(esm, EXTERNAL);
    expect(script.code).toBe(
      esm.replace('{', '{ var { real } = require("@workscript/api");').replace(`\n${REAL}\n`, '\n\n'),
    );
    expect(script.uses).toEqual(new Map([['@workscript/api', new Set(['real'])]]));
  });
});

/** A worker whose literals and legal comment hold what reads like imports of the prelude's modules. */
const LOOKALIKE_WORKER = [
  "import { defineWorker } from '@workscript/api';",
  '',
  '/*! Kept by esbuild (a legal comment):',
  'import { defineWorker } from "@workscript/api";',
  '*/',
  'const doc = `',
  'import { defineWorker } from "@workscript/api";',
  'import "@workscript/api/guest";',
  '`;',
  'const call = \'__require("@workscript/api")\';',
  'const pattern = /import "@workscript\\/api";/;',
  '',
  'export const docs = defineWorker({',
  "  name: 'Docs',",
  '  run(input: { fail: boolean }, ctx) {',
  "    if (input.fail) throw new Error('asked to fail');",
  '    return ctx.success({ doc, call, pattern: pattern.source });',
  '  },',
  '});',
  '',
].join('\n');

describe('createBundle with a worker whose text reads like imports', () => {
  const project = createTempProject({
    'package.json': '{ "name": "app", "private": true, "type": "module" }',
    'src/docs.ts': LOOKALIKE_WORKER,
  });
  afterAll(() => project.remove());
  const bundle = createBundle({
    projectRoot: project.root,
    workers: [{ name: 'Docs', exportName: 'docs', sourceFile: 'src/docs.ts', shapes: {} }],
  });
  const run = (guest: QuickJsGuest, fail: boolean) =>
    JSON.parse(
      guest.run({
        worker: 'Docs',
        inputJson: JSON.stringify({ fail }),
        contextJson: '{"runId":"r","id":"w","tags":[],"runAttemptCount":0,"generation":0}',
        reply: () => '{"ok":true,"value":null}',
      }).resultJson,
    ) as { status: string; output?: unknown; error?: { stack: string } };

  it('keeps them byte for byte at run time, binds the real import and takes only it from the prelude', async () => {
    const { code } = await bundle;
    expect(code).toContain(
      '/*! Kept by esbuild (a legal comment):\nimport { defineWorker } from "@workscript/api";\n*/',
    );
    const guest = await QuickJsGuest.load(code);
    try {
      expect(run(guest, false)).toEqual({
        status: 'success',
        output: {
          doc: '\nimport { defineWorker } from "@workscript/api";\nimport "@workscript/api/guest";\n',
          call: '__require("@workscript/api")',
          pattern: 'import "@workscript\\/api";',
        },
      });
      // The string holding `__require("@workscript/api")` did not widen the prelude to the whole module.
      expect(guest.evaluate('Object.keys(__workscriptPrelude.load("@workscript/api"))')).toEqual([
        'defineWorker',
      ]);
    } finally {
      guest.dispose();
    }
  });

  it('maps a stack frame after them to its source line', async () => {
    const { code, map } = await bundle;
    const guest = await QuickJsGuest.load(code);
    try {
      const { stack = '' } = run(guest, true).error ?? {};
      const frame = /workers\.js:(\d+):(\d+)/.exec(stack);
      expect(frame, stack).not.toBeNull();
      const at = new SourceMap(JSON.parse(map) as SourceMapPayload).findEntry(
        Number(frame?.[1]) - 1,
        Number(frame?.[2]) - 1,
      ) as { originalSource?: string; originalLine?: number };
      expect(at.originalSource).toBe('src/docs.ts');
      expect(LOOKALIKE_WORKER.split('\n')[at.originalLine ?? -1]).toContain(
        "throw new Error('asked to fail')",
      );
    } finally {
      guest.dispose();
    }
  });
});
