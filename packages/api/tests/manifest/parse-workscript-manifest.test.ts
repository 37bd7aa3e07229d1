import { describe, expect, it } from 'vitest';
import { InvalidManifestError, parseWorkscriptManifest, type WorkscriptManifest } from '../../src/index.js';

const manifest: WorkscriptManifest = {
  bridgeProtocolVersion: 1,
  kotlinPackage: 'com.example.generated',
  workers: [
    {
      name: 'Sync',
      exportName: 'default',
      sourceFile: 'workers/sync.ts',
      workerClass: 'com.example.generated.SyncWorker',
      shapes: { input: { fields: [{ name: 'userId', type: { kind: 'string' } }] } },
      defaults: { 'constraints.requiredNetworkType': 'CONNECTED', tags: ['sync'] },
    },
  ],
  nativeServices: [
    {
      name: 'Camera',
      sourceFile: 'workers/camera.ts',
      interfaceClass: 'com.example.generated.CameraService',
      methods: [{ name: 'takePhoto', params: [{ name: 'quality', type: { kind: 'int' } }], returns: null }],
    },
  ],
  files: { 'assets/workers.js': 'ab12' },
};

type Node = Record<string | number, unknown>;

/** The manifest's JSON with the value at `at` replaced by `value`, or removed when `value` is undefined. */
function edited(at: readonly (string | number)[], value?: unknown): string {
  const copy = JSON.parse(JSON.stringify(manifest)) as Node;
  const parent = at.slice(0, -1).reduce<Node>((node, key) => node[key] as Node, copy);
  const last = at[at.length - 1] as string | number;
  // JSON.stringify leaves out undefined members: that is how a field goes missing.
  parent[last] = value;
  return JSON.stringify(copy);
}

const parse = (text: string) => () => parseWorkscriptManifest(text, 'out/assets/workscript.json');

describe('parseWorkscriptManifest', () => {
  it('reads what the codegen writes, native services included and absent', () => {
    expect(parseWorkscriptManifest(JSON.stringify(manifest), 'm.json')).toEqual(manifest);
    const withoutServices = edited(['nativeServices']);
    expect(parseWorkscriptManifest(withoutServices, 'm.json')).not.toHaveProperty('nativeServices');
  });

  it.each([
    ['text that is not JSON', '{"workers": [', /is not valid JSON/],
    ['a JSON array', '[]', /is not a JSON object/],
    ['no workers list', edited(['workers']), /has no workers list at \$\.workers/],
    ['a worker without its export', edited(['workers', 0, 'exportName']), /\$\.workers\[0\]\.exportName/],
    [
      'a worker whose defaults are a list',
      edited(['workers', 0, 'defaults'], []),
      /\$\.workers\[0\]\.defaults/,
    ],
    [
      'a shape without a fields list',
      edited(['workers', 0, 'shapes', 'input'], { kind: 'string' }),
      /\{ "fields": \[\.\.\.\] \} shape at \$\.workers\[0\]\.shapes\.input/,
    ],
    [
      'a fractional bridge version',
      edited(['bridgeProtocolVersion'], 1.5),
      /integer at \$\.bridgeProtocolVersion/,
    ],
    [
      'a hash that is not a string',
      edited(['files', 'assets/workers.js'], 7),
      /\$\.files\["assets\/workers\.js"\]/,
    ],
    [
      'a native service without methods',
      edited(['nativeServices', 0, 'methods']),
      /\$\.nativeServices\[0\]\.methods/,
    ],
  ])('rejects %s, naming the file and the place', (_what, text, message) => {
    expect(parse(text)).toThrow(InvalidManifestError);
    expect(parse(text)).toThrow(message);
    expect(parse(text)).toThrow(
      /^The manifest out\/assets\/workscript\.json .*; regenerate it with workscript generate/,
    );
  });
});
