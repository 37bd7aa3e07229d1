import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli.js';
import { generate, type Diagnostic, type GenerateResult } from '../../src/index.js';
import { createGenerator } from '../../src/pipeline.js';
import { createTempProject } from '../helpers/temp-project.js';

/** One worker with every kind of dynamic import; the comment column is the line number. */
const DYNAMIC_WORKER = [
  "import { defineWorker } from '@workscript/api';", // 1
  "import { probe } from 'probe-lib';", // 2
  "import { loadTheme } from './helper.js';", // 3
  '', // 4
  'export const dynamic = defineWorker({', // 5
  "  name: 'Dynamic',", // 6
  '  async run(input: { plugin: string; locale: string }, ctx) {', // 7
  '    const plugin = await import(input.plugin);', // 8: computed, warned
  '    const messages = await import(`${input.locale}/messages.js`);', // 9: template, warned
  "    const api = await import('@workscript/api');", // 10: the prelude's
  "    const guest = await import('@workscript/api/guest');", // 11: the prelude's
  "    const local = await import('./local.js');", // 12: esbuild bundles it
  '    const lang = await import(`./lang/${input.locale}.js`);', // 13: esbuild bundles every match
  "    const optional = await import('not-installed-pkg').catch(() => undefined);", // 14: unresolved, warned
  '    const text = "await import(\'./in-a-string.js\')";', // 15
  '    const template = `import(${input.plugin})`;', // 16
  '    /*! legal comment, kept in the bundle: import(input.plugin) */', // 17
  '    // import(input.plugin)', // 18
  '    return ctx.success({', // 19
  '      n: Object.keys({ plugin, messages, api, guest, local, lang, optional }).length,', // 20
  '      text, template, probe: typeof probe, theme: typeof loadTheme,', // 21
  '    });', // 22
  '  },', // 23
  '});', // 24
  '',
].join('\n');

/** A module the worker imports: its warning is at its own file. */
const HELPER = [
  'export async function loadTheme(name: string): Promise<unknown> {',
  '  return import(',
  '    name,',
  '  );',
  '}',
  '',
].join('\n');

/** A library that probes for a Node module and handles the rejection, as lru-cache does. */
const PROBE_LIB = [
  "export const probe = import('node:diagnostics_channel').catch(() => undefined);",
  'export const load = (name) => import(name);',
  '',
].join('\n');

const FILES = {
  'src/dynamic.ts': DYNAMIC_WORKER,
  'src/helper.ts': HELPER,
  'src/local.js': 'export const local = 1;\n',
  'src/lang/en.js': 'export default { hello: "Hello" };\n',
  'node_modules/probe-lib/package.json': JSON.stringify({
    name: 'probe-lib',
    type: 'module',
    main: 'index.js',
  }),
  'node_modules/probe-lib/index.js': PROBE_LIB,
};

const span = (file: string, line: number, column: number, endLine: number, endColumn: number) => ({
  file,
  line,
  column,
  endLine,
  endColumn,
});

/** What each warning must be, in the sorted order of `diagnostics`. */
const EXPECTED = [
  {
    span: span('src/dynamic.ts', 8, 26, 8, 46),
    call: 'import(input.plugin)',
    reason: 'its specifier is computed at run time, so esbuild cannot know which module to bundle',
  },
  {
    span: span('src/dynamic.ts', 9, 28, 9, 65),
    call: 'import(`${input.locale}/messages.js`)',
    reason: 'its specifier is computed at run time, so esbuild cannot know which module to bundle',
  },
  {
    span: span('src/dynamic.ts', 14, 28, 14, 55),
    call: "import('not-installed-pkg')",
    reason:
      "esbuild could not resolve 'not-installed-pkg' (an import() whose failure is handled, in try/catch or with .catch(), does not fail the build)",
  },
  {
    span: span('src/helper.ts', 2, 10, 4, 4),
    call: 'import(name,)',
    reason: 'its specifier is computed at run time, so esbuild cannot know which module to bundle',
  },
];

function warningsOf(result: GenerateResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.code === 'WS1044');
}

describe('WS1044: a dynamic import() that stays in the bundle', () => {
  let project: Awaited<ReturnType<typeof createTempProject>>;
  beforeAll(async () => {
    project = await createTempProject(FILES);
  });
  afterAll(() => project.dispose());

  it('is a warning at the user’s call for a computed, template or unresolved specifier, and only then', async () => {
    const result = await generate({ projectRoot: project.root, files: ['src/dynamic.ts'], outDir: 'out' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(EXPECTED.map(() => 'WS1044'));
    expect(
      warningsOf(result).map((d) => ({ severity: d.severity, span: d.span, call: d.data['call'] })),
    ).toEqual(EXPECTED.map((e) => ({ severity: 'warning', span: e.span, call: e.call })));
    expect(warningsOf(result).map((d) => d.data['reason'])).toEqual(EXPECTED.map((e) => e.reason));
    expect(warningsOf(result)[0]?.message).toBe(
      "import(input.plugin) stays a dynamic import in workers.js because its specifier is computed at run time, so esbuild cannot know which module to bundle; QuickJS runs the bundle without a module loader (on Android and in the Node runtime's QuickJS engine), so it always rejects with 'could not load module'. Import the module statically, or give import() a string-literal path that esbuild can bundle, e.g. import('./handlers/sync.js').",
    );
    // A warning does not stop generation.
    expect(result.written?.written).toContain('assets/workers.js');
    const bundle = result.files.find((f) => f.path === 'assets/workers.js')?.content ?? '';
    expect(bundle).toContain('import(input.plugin)');
    expect(bundle).toContain('import("node:diagnostics_channel")'); // probe-lib's, not reported
  });

  it('is reported the same by a watch generator, on its first run and after a change', async () => {
    const full = await generate({
      projectRoot: project.root,
      files: ['src/dynamic.ts'],
      outDir: 'out',
      write: false,
    });
    const generator = createGenerator({
      projectRoot: project.root,
      files: ['src/dynamic.ts'],
      outDir: 'out-watch',
      write: false,
    });
    try {
      expect((await generator.generate()).diagnostics).toEqual(full.diagnostics);
      expect((await generator.generate([`${project.root}/src/helper.ts`])).diagnostics).toEqual(
        full.diagnostics,
      );
    } finally {
      await generator.dispose();
    }
  });

  it('is printed by the CLI with a code frame, and generation still succeeds', async () => {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: project.root };
    expect(await runCli(['generate', 'src/dynamic.ts', '--out', 'out-cli'], io)).toBe(0);
    expect(err).toContain(
      'src/dynamic.ts:8:26 - warning WS1044: import(input.plugin) stays a dynamic import in workers.js',
    );
    expect(err).toContain('>  8 |     const plugin = await import(input.plugin);');
    expect(err).toContain('src/helper.ts:2:10 - warning WS1044: import(name,) stays');
    expect(out).toMatch(/^Generated \d+ files for 1 worker in out-cli/);
  });
});

describe('a bundle with no dynamic import left', () => {
  let project: Awaited<ReturnType<typeof createTempProject>>;
  beforeAll(async () => {
    project = await createTempProject({
      'src/fine.ts': [
        "import { defineWorker } from '@workscript/api';",
        'export const fine = defineWorker({',
        "  name: 'Fine',",
        '  async run(_input: { a: string }, ctx) {',
        "    const api = await import('@workscript/api');",
        "    const local = await import('./local.js');",
        '    return ctx.success({ n: typeof api.int, local: typeof local.local });',
        '  },',
        '});',
        '',
      ].join('\n'),
      'src/local.js': 'export const local = 1;\n',
    });
  });
  afterAll(() => project.dispose());

  it('gets no warning', async () => {
    const result = await generate({
      projectRoot: project.root,
      files: ['src/fine.ts'],
      outDir: 'out',
      write: false,
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.path)).toContain('assets/workers.js');
  });
});
