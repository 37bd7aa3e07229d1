import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/diagnostics/messages.js';

const DOC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../docs/design/diagnostics.md',
);

describe('docs/design/diagnostics.md', () => {
  it('documents every diagnostic code with its id and severity (style.md R50)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const missing = Object.entries(MESSAGES)
      .map(([id, m]) => `### ${m.code} \`${id}\` (${m.severity})`)
      .filter((heading) => !doc.includes(heading));
    expect(missing).toEqual([]);
  });
});
