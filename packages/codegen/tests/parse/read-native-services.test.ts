import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/parse/parse-project.js';
import { createInMemoryProject, ROOT } from '../helpers/in-memory-project.js';
import { SERVICES } from '../helpers/native-service-sources.js';

describe('parseProject: native services', () => {
  it('resolves T through a re-export and reads methods, inherited ones and function-typed properties', () => {
    const project = createInMemoryProject({
      'services/camera.ts': SERVICES,
      'services/index.ts': "export type { Camera } from './camera.js';",
      'w.ts': [
        "import { nativeService } from '@workscript/api';",
        "import type { Camera } from './services/index.js';",
        "const NAME = 'Camera';",
        'export const camera = nativeService<Camera>(NAME);',
        '',
      ].join('\n'),
    });
    const decl = parseProject(project, ROOT);
    expect(decl.nativeServices).toHaveLength(1);
    const s = decl.nativeServices[0];
    expect(s?.name).toMatchObject({ value: 'Camera' }); // a const of a literal counts as a literal
    expect([s?.interfaceName, s?.extendsNativeService, s?.sourceFile]).toEqual(['Camera', true, 'w.ts']);
    expect(s?.interfaceSpan).toMatchObject({ file: 'services/camera.ts', line: 5, column: 18 });
    expect(
      s?.methods.map((m) => [
        m.name,
        m.returnsPromise,
        m.params.map((p) => [p.name, p.type.kind, p.optional, p.rest]),
        m.returns === 'void' ? 'void' : m.returns.kind,
      ]),
    ).toEqual([
      ['takePhoto', true, [['options', 'object', false, false]], 'object'],
      ['reset', true, [], 'void'],
      ['model', false, [], 'string'],
      [
        'tag',
        true,
        [
          ['uri', 'string', true, false],
          ['tags', 'array', false, true],
        ],
        'void',
      ],
      ['ping', true, [], 'void'],
    ]);
    const takePhoto = s?.methods[0];
    expect(takePhoto?.params[0]?.type).toMatchObject({
      kind: 'object',
      shape: {
        properties: [
          { name: 'quality', type: { kind: 'int' } },
          { name: 'lens', type: { kind: 'enum', values: ['front', 'back'] } },
        ],
      },
    });
    expect(takePhoto?.returns).toMatchObject({
      kind: 'object',
      shape: { properties: [{ name: 'uri' }, { name: 'bytes', type: { kind: 'long' } }] },
    });
  });

  it('marks a T that is not an interface extending NativeService, and a dynamic name', () => {
    const project = createInMemoryProject({
      'w.ts': [
        "import { nativeService, type NativeService } from '@workscript/api';",
        'type Alias = NativeService & { reset(): Promise<void> };',
        'interface Plain { reset(): Promise<void> }',
        "export const a = nativeService<Alias>('Alias');",
        "export const b = nativeService<Plain & NativeService>('Plain');",
        'export const c = nativeService(String(Date.now()));',
        'export function later() {',
        "  return nativeService<Alias>('Inner');", // inside a function: still found
        '}',
        '',
      ].join('\n'),
    });
    const decl = parseProject(project, ROOT);
    expect(
      decl.nativeServices.map((s) => [
        s.name !== undefined && 'value' in s.name ? s.name.value : 'dynamic',
        s.interfaceName,
        s.extendsNativeService,
        s.methods.length,
      ]),
    ).toEqual([
      ['Alias', undefined, false, 0],
      ['Plain', undefined, false, 0],
      ['dynamic', 'NativeService', false, 0],
      ['Inner', undefined, false, 0],
    ]);
  });

  it('reads a generic interface as instantiated at the call', () => {
    const project = createInMemoryProject({
      'w.ts': [
        "import { nativeService, type NativeService } from '@workscript/api';",
        'interface Photo { uri: string }',
        'export interface Repo<T> extends NativeService { save(item: T): Promise<T[]> }',
        "export const repo = nativeService<Repo<Photo>>('Repo');",
        '',
      ].join('\n'),
    });
    const save = parseProject(project, ROOT).nativeServices[0]?.methods[0];
    expect(save?.params[0]?.type).toMatchObject({ kind: 'object', typeName: 'Photo' });
    expect(save?.returns).toMatchObject({ kind: 'array', element: { kind: 'object', typeName: 'Photo' } });
  });
});
