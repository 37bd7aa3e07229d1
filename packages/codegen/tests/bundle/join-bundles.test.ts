import { afterAll, describe, expect, it } from 'vitest';
import { createBundle } from '../../src/bundle/create-bundle.js';
import { decodeSegment, encodeSegment } from '../../src/bundle/vlq.js';
import { createTempProject } from './temp-project.js';

/** A worker with a top-level `label` function: the second module's is renamed, which maps a name. */
const worker = (name: string): string =>
  [
    "import { defineWorker } from '@workscript/api';",
    `function label(text: string): string { return '${name}: ' + text; }`,
    `export const ${name.toLowerCase()} = defineWorker({`,
    `  name: '${name}',`,
    '  run(input: { text: string }, ctx) {',
    '    return ctx.success({ said: label(input.text) });',
    '  },',
    '});',
    '',
  ].join('\n');

interface Map3 {
  sources: string[];
  sourcesContent: (string | null)[];
  mappings: string;
  names: string[];
}

/** Every segment of a map with absolute positions. */
function segments(map: Map3) {
  const out: { line: number; source: number; oLine: number; oColumn: number; name?: number }[] = [];
  let source = 0;
  let oLine = 0;
  let oColumn = 0;
  let name = 0;
  map.mappings.split(';').forEach((text, line) => {
    if (text === '') return;
    for (const segment of text.split(',')) {
      const v = decodeSegment(segment);
      if (v.length < 4) continue;
      source += v[1] ?? 0;
      oLine += v[2] ?? 0;
      oColumn += v[3] ?? 0;
      if (v.length >= 5) name += v[4] ?? 0;
      out.push({ line, source, oLine, oColumn, ...(v.length >= 5 ? { name } : {}) });
    }
  });
  return out;
}

describe('the joined source map of a bundle (prelude + workers)', () => {
  const project = createTempProject({ 'src/greet.ts': worker('Greet'), 'src/wave.ts': worker('Wave') });
  afterAll(() => project.remove());

  it('points every segment at a line of its source, and named segments of the workers at that name', async () => {
    const { code, map } = await createBundle({
      projectRoot: project.root,
      workers: [
        { name: 'Greet', exportName: 'greet', sourceFile: 'src/greet.ts', shapes: {} },
        { name: 'Wave', exportName: 'wave', sourceFile: 'src/wave.ts', shapes: {} },
      ],
    });
    const parsed = JSON.parse(map) as Map3;
    const all = segments(parsed);
    const lines = code.split('\n').length;
    const greet = parsed.sources.indexOf('src/greet.ts');
    expect(greet).toBeGreaterThan(0); // after the prelude's sources
    expect(all.some((s) => s.source === greet)).toBe(true);
    // The workers' part comes after the prelude: its sources and names are the ones that were shifted.
    const workersFrom = Math.min(greet, parsed.sources.indexOf('workscript-entry.js'));
    let named = 0;
    for (const s of all) {
      expect(s.line).toBeLessThan(lines);
      const content = parsed.sourcesContent[s.source];
      expect(parsed.sources[s.source]).toBeDefined();
      // null: a file of @workscript/api whose own map names a source that this copy does not ship.
      if (content === null) continue;
      const text = content?.split('\n')[s.oLine];
      expect(text, `${parsed.sources[s.source]}:${s.oLine}`).toBeDefined();
      if (s.name !== undefined && s.source >= workersFrom) {
        // esbuild names what it renamed: the second module's `label` and `defineWorker`.
        const name = parsed.names[s.name] ?? '';
        expect(name).toMatch(/^(label|defineWorker)$/);
        expect(text?.slice(s.oColumn).startsWith(name)).toBe(true);
        named++;
      }
    }
    expect(named).toBeGreaterThan(0);
  });

  it('VLQ round-trips negative, zero and multi-digit values', () => {
    const values = [0, 1, -1, 15, 16, -16, 1023, -1024, 123_456];
    expect(decodeSegment(encodeSegment(values))).toEqual(values);
    expect(encodeSegment([0, 0, 1, -1])).toBe('AACD');
    expect(() => decodeSegment('A!')).toThrow("'!' in source map segment 'A!' is not Base64");
  });
});
