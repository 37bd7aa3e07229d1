import { createHash } from 'node:crypto';
import type { WorkscriptManifest } from '@workscript/api';
import type { KotlinLayout } from '../layout/kotlin-layout.js';
import type { ProjectModel } from '../model/project-model.js';
import { toFieldShape, workerShapes } from '../model/to-data-shape.js';
import type { GeneratedFile } from './generated-file.js';
import { BRIDGE_PROTOCOL_VERSION } from './kotlin/registry-builder.js';

/** SHA-256 of a string's UTF-8 bytes, hex. */
export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * Builds the manifest file (`workscript.json`, its contract is `WorkscriptManifest` in `@workscript/api`,
 * which the hosts parse); `files` are the other generated files (Kotlin, bundle). `hash` gives a file's
 * SHA-256 (default {@link sha256}; `--watch` passes one that remembers the hashes of unchanged files).
 */
export function emitManifest(
  ir: ProjectModel,
  kotlin: KotlinLayout,
  files: readonly GeneratedFile[],
  path: string,
  hash: (content: string) => string = sha256,
): GeneratedFile {
  const manifest: WorkscriptManifest = {
    bridgeProtocolVersion: BRIDGE_PROTOCOL_VERSION,
    kotlinPackage: kotlin.packageName,
    workers: ir.workers.map((w, i) => ({
      name: w.name,
      exportName: w.exportName ?? w.variableName,
      sourceFile: w.sourceFile,
      workerClass: `${kotlin.packageName}.${kotlin.workers[i]?.workerClass ?? ''}`,
      shapes: workerShapes(w),
      // A custom input merger's default is its name, which the Node runtime stores as the work's merger.
      defaults: Object.fromEntries(
        w.defaults.flatMap((o) =>
          'value' in o ? [[o.path, o.value]] : 'inputMerger' in o ? [[o.path, o.inputMerger]] : [],
        ),
      ),
    })),
    ...(ir.nativeServices.length === 0
      ? {}
      : {
          nativeServices: ir.nativeServices.map((s, i) => ({
            name: s.name,
            sourceFile: s.sourceFile,
            interfaceClass: `${kotlin.packageName}.${kotlin.nativeServices[i]?.interfaceName ?? ''}`,
            methods: s.methods.map((m) => ({
              name: m.name,
              params: m.params.map((p) => ({ name: p.name, type: toFieldShape(p.type) })),
              returns: m.returns === 'void' ? null : toFieldShape(m.returns),
            })),
          })),
        }),
    ...((ir.inputMergers ?? []).length === 0
      ? {}
      : {
          inputMergers: (ir.inputMergers ?? []).map((m, i) => ({
            name: m.name,
            exportName: m.exportName ?? m.variableName,
            sourceFile: m.sourceFile,
            mergerClass: `${kotlin.packageName}.${kotlin.inputMergers[i]?.className ?? ''}`,
          })),
        }),
    files: Object.fromEntries(
      [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, hash(f.content)]),
    ),
  };
  return { path, content: `${JSON.stringify(manifest, null, 2)}\n` };
}
