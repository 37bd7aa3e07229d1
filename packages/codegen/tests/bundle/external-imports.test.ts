import { describe, expect, it } from 'vitest';
import { toWorkersScript } from '../../src/bundle/external-imports.js';

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

  it('reads default, quoted and side-effect imports, and a CommonJS require of an external module', () => {
    const esm = [
      '((require) => {',
      'import d, { "a-b" as ab, c } from "@workscript/api";',
      'import "@workscript/api/guest";',
      'var x = __require("@workscript/api/guest");',
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

  it('leaves code without external imports as it is', () => {
    const esm = '((require) => {\nvar a = 1;\n})(__workscriptPrelude.load);\n';
    expect(toWorkersScript(esm, EXTERNAL)).toEqual({ code: esm, uses: new Map() });
  });
});
