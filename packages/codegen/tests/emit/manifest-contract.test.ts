import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWorkscriptManifest } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

// The hosts (the runtime's QuickJS engine, @workscript/testing) read workscript.json with the parser of the
// contract in @workscript/api; what the codegen writes must pass it unchanged.
describe('workscript.json meets the manifest contract of @workscript/api', () => {
  it.each(['native-service', 'periodic-defaults', 'nested-objects', 'input-mergers'])(
    '%s',
    async (fixture) => {
      const projectRoot = path.join(FIXTURES, fixture, 'input');
      const files = (await fs.readdir(projectRoot, { recursive: true }))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => f.split(path.sep).join('/'));
      const result = await generate({ projectRoot, files, outDir: '../out', bundle: false, write: false });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const manifest = result.files.find((f) => f.path === 'assets/workscript.json');
      expect(manifest).toBeDefined();
      const text = manifest?.content ?? '';
      expect(parseWorkscriptManifest(text, 'assets/workscript.json')).toEqual(JSON.parse(text));
    },
  );
});
