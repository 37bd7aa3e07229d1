import { describe, expect, it } from 'vitest';
import { createLayout } from '../../src/layout/create-layout.js';
import type { TypeModel } from '../../src/model/project-model.js';
import { at, nativeMethodModel, nativeServiceModel, obj, workerModel } from '../helpers/model-fixtures.js';

const lens: TypeModel = { kind: 'enum', values: ['front', 'back'], typeName: 'Lens' };
const photo = obj({ uri: { kind: 'string' }, lens }, 'Photo');

describe('createLayout: native services', () => {
  const layout = createLayout(
    {
      workers: [workerModel({ name: 'Photo' })], // takes PhotoWorker, PhotoInput, ...: not `Photo`
      nativeServices: [
        nativeServiceModel({
          name: 'Args', // its parameter would shadow the registration's `args`
          methods: [
            nativeMethodModel({
              name: 'object',
              params: [
                { name: 'in', type: { kind: 'string' }, optional: false, rest: false, span: at(4) },
                {
                  name: 'options',
                  type: obj({ flash: { kind: 'boolean' }, mode: { kind: 'enum', values: ['a', 'b'] } }),
                  optional: false,
                  rest: false,
                  span: at(4),
                },
              ],
              returns: { kind: 'array', element: photo },
            }),
          ],
        }),
        nativeServiceModel({
          methods: [
            nativeMethodModel({ returns: obj({ photo, at: { kind: 'long' } }) }),
            nativeMethodModel({ name: 'list', params: [], returns: obj({ photo, at: { kind: 'long' } }) }),
          ],
        }),
      ],
      requestInputs: [],
    },
    { kotlinPackage: 'p' },
  );

  it('names the interface after the service, escapes keywords and avoids shadowing the handler locals', () => {
    const [args] = layout.nativeServices;
    expect([args?.interfaceName, args?.fileName, args?.implParam]).toEqual(['Args', 'Args', 'argsImpl']);
    expect(args?.methods[0]).toMatchObject({
      name: 'object',
      kotlinName: '`object`',
      params: [
        { name: 'in', kotlinName: '`in`', type: { kind: 'string' } },
        { name: 'options', type: { kind: 'object', className: 'ArgsObjectOptions' } },
      ],
      returns: { kind: 'array', element: { kind: 'object', className: 'Photo' } },
    });
  });

  it('declares named types once at top level, anonymous ones per method, nested anonymous types inside', () => {
    const [args, camera] = layout.nativeServices;
    expect(args?.types.map((t) => [t.layout.className, t.origin])).toEqual([
      ['ArgsObjectOptions', 'parameter `options` of `Args.object`'],
      ['Lens', 'TypeScript type `Lens`'],
      ['Photo', 'TypeScript type `Photo`'],
    ]);
    const options = args?.types[0]?.layout;
    expect(options?.kind === 'class' ? options.nested.map((n) => n.className) : []).toEqual(['Mode']);
    // Camera reuses Photo from Args' file; its two results stay two classes, named after their methods.
    expect(camera?.types.map((t) => t.layout.className)).toEqual([
      'CameraTakePhotoOptions',
      'CameraTakePhotoResult',
      'CameraListResult',
    ]);
    const result = camera?.types[1]?.layout;
    expect(result?.kind === 'class' ? [result.properties[0]?.type, result.nested] : []).toEqual([
      { kind: 'object', className: 'Photo' },
      [],
    ]);
  });
});
