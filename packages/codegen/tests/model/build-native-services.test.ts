import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/build-model.js';
import { parseProject } from '../../src/parse/parse-project.js';
import { createInMemoryProject, ROOT } from '../helpers/in-memory-project.js';
import { SERVICES } from '../helpers/native-service-sources.js';

describe('buildModel: native services', () => {
  it('calls naming one interface with one name are one service; services are sorted by name', () => {
    const project = createInMemoryProject({
      'services/camera.ts': `${SERVICES}export const camera = nativeService<Camera>('Camera');\nexport const base = nativeService<Base>('Base');\n`,
      'w.ts': [
        "import { nativeService } from '@workscript/api';",
        "import type { Camera } from './services/camera.js';",
        "export const again = nativeService<Camera>('Camera');",
        '',
      ].join('\n'),
    });
    const ir = buildModel(parseProject(project, ROOT));
    expect(ir.nativeServices.map((s) => [s.name, s.sourceFile, s.methods.length])).toEqual([
      ['Base', 'services/camera.ts', 1],
      ['Camera', 'services/camera.ts', 5],
    ]);
    expect(JSON.parse(JSON.stringify(ir.nativeServices))).toEqual(ir.nativeServices);
  });
});
