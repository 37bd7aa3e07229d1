#!/usr/bin/env node
// Regenerates packages/api/bridge-conformance/conformance-bundle.js(.map) from conformance-workers.ts.
// Needs a built @workscript/api (`npx tsc -b packages/api/tsconfig.lib.json`). Run from anywhere:
//   node packages/codegen/scripts/build-conformance-bundle.mjs
import { writeFileSync } from 'node:fs';
import { stdout } from 'node:process';
import { tsImport } from 'tsx/esm/api';

const { buildConformanceBundle, CONFORMANCE_BUNDLE, CONFORMANCE_BUNDLE_MAP } = await tsImport(
  './conformance-bundle.ts',
  import.meta.url,
);
const { code, map } = await buildConformanceBundle();
writeFileSync(CONFORMANCE_BUNDLE, code);
writeFileSync(CONFORMANCE_BUNDLE_MAP, map);
stdout.write(`wrote ${CONFORMANCE_BUNDLE} (${code.length} bytes) and its source map\n`);
