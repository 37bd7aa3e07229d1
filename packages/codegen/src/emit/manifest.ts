import { createHash } from 'node:crypto';
import type { DataShape, FieldShape } from '@workscript/api';
import type { KotlinLayout } from '../layout/kotlin-layout.js';
import type { JsonValue } from '../parse/decl.js';
import type { ProjectModel } from '../model/project-model.js';
import { toFieldShape, workerShapes } from '../model/to-data-shape.js';
import type { GeneratedFile } from './generated-file.js';
import { BRIDGE_PROTOCOL_VERSION } from './kotlin/registry-builder.js';

/** Manifest file name inside the assets folder. */
export const MANIFEST_FILE = 'workscript.json';

/** The manifest (`workscript.json`): what was generated, from what, and the hashes to verify it. */
export interface Manifest {
  /** Bridge protocol version of the bundle and the generated Kotlin. */
  readonly bridgeProtocolVersion: number;
  /** Kotlin package of the generated classes. */
  readonly kotlinPackage: string;
  /** Workers sorted by name. */
  readonly workers: readonly {
    readonly name: string;
    readonly exportName: string;
    readonly sourceFile: string;
    readonly workerClass: string;
    readonly shapes: {
      readonly input?: DataShape;
      readonly output?: DataShape;
      readonly failureOutput?: DataShape;
      readonly progress?: DataShape;
    };
    readonly defaults: Readonly<Record<string, JsonValue>>;
  }[];
  /**
   * Native services sorted by name: the bridge name, the Kotlin interface to implement, and each method's
   * positional parameters and result (`null` for void) as FieldShapes. Absent when the project has none, so
   * manifests of projects without services are unchanged.
   */
  readonly nativeServices?: readonly {
    readonly name: string;
    readonly sourceFile: string;
    readonly interfaceClass: string;
    readonly methods: readonly {
      readonly name: string;
      readonly params: readonly { readonly name: string; readonly type: FieldShape }[];
      readonly returns: FieldShape | null;
    }[];
  }[];
  /** SHA-256 (hex) of every other generated file, by path relative to the output directory, sorted. */
  readonly files: Readonly<Record<string, string>>;
}

/** SHA-256 of a string's UTF-8 bytes, hex. */
export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * Builds the manifest file; `files` are the other generated files (Kotlin, bundle). `hash` gives a file's
 * SHA-256 (default {@link sha256}; `--watch` passes one that remembers the hashes of unchanged files).
 */
export function emitManifest(
  ir: ProjectModel,
  kotlin: KotlinLayout,
  files: readonly GeneratedFile[],
  path: string,
  hash: (content: string) => string = sha256,
): GeneratedFile {
  const manifest: Manifest = {
    bridgeProtocolVersion: BRIDGE_PROTOCOL_VERSION,
    kotlinPackage: kotlin.packageName,
    workers: ir.workers.map((w, i) => ({
      name: w.name,
      exportName: w.exportName ?? w.variableName,
      sourceFile: w.sourceFile,
      workerClass: `${kotlin.packageName}.${kotlin.workers[i]?.workerClass ?? ''}`,
      shapes: workerShapes(w),
      defaults: Object.fromEntries(w.defaults.flatMap((o) => ('value' in o ? [[o.path, o.value]] : []))),
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
    files: Object.fromEntries(
      [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, hash(f.content)]),
    ),
  };
  return { path, content: `${JSON.stringify(manifest, null, 2)}\n` };
}
