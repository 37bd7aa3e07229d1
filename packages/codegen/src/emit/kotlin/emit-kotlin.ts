import type { KotlinLayout } from '../../layout/kotlin-layout.js';
import { ROLES, type ProjectModel, type Role } from '../../model/project-model.js';
import type { GeneratedFile } from '../generated-file.js';
import { createDataClassBuilder } from './data-class-builder.js';
import { createInputMergerClassBuilder } from './input-merger-class-builder.js';
import { createKotlinWriter, type KotlinWriter } from './kotlin-writer.js';
import { createNativeServiceFileBuilder } from './native-service-file-builder.js';
import { createRequestBuilderBuilder } from './request-builder-builder.js';
import { createCodecBuilder } from './codec-builder.js';
import { createRegistryBuilder } from './registry-builder.js';
import { createWorkerFactoryBuilder } from './worker-factory-builder.js';
import { createSymbolTable, type SymbolTable } from './symbol-table.js';
import { createWorkerClassBuilder } from './worker-class-builder.js';

/** Folder of the Kotlin sources inside the output directory. */
export const KOTLIN_DIR = 'kotlin';

const ROLE_DOC: Record<Role, string> = {
  input: 'Input',
  output: 'Success output',
  failureOutput: 'Failure output',
  progress: 'Progress',
};

/** Builds one generated Kotlin file. */
export interface FileBuilder {
  readonly file: string;
  readonly source: string;
  prepare(symbols: SymbolTable): void;
  build(w: KotlinWriter, symbols: SymbolTable): void;
}

/**
 * Emits every Kotlin file: one per worker (worker class, request factories, data classes), one per native
 * service (interface, registration function, parameter and result types), one per custom input merger, plus
 * the factory, the registry and the codec. All builders run `prepare()` before any runs `build()` (style.md R24).
 */
export function emitKotlin(ir: ProjectModel, kotlin: KotlinLayout): GeneratedFile[] {
  const allSources =
    ir.workers.length === 0 ? 'no workers' : ir.workers.map((w) => `${w.name} in ${w.sourceFile}`).join(', ');
  const builders: FileBuilder[] = [];
  ir.workers.forEach((worker, i) => {
    const layout = kotlin.workers[i];
    if (layout === undefined) throw new Error(`no layout for worker ${worker.name}`);
    const file = layout.fileName;
    const workerClass = createWorkerClassBuilder(worker, layout, kotlin, file);
    const requests = createRequestBuilderBuilder(worker, layout, file, kotlin.inputMergers);
    const dataClasses = ROLES.flatMap((role) => {
      const dc = layout[role];
      return dc === undefined
        ? []
        : [
            createDataClassBuilder(
              dc,
              `${ROLE_DOC[role]} of worker '${worker.name}' (TypeScript type \`${worker[role].typeText}\`).`,
              file,
            ),
          ];
    });
    builders.push({
      file,
      source: `${worker.name} in ${worker.sourceFile}`,
      prepare(symbols) {
        workerClass.prepare(symbols);
        requests.prepare(symbols);
        for (const d of dataClasses) d.prepare(symbols);
      },
      build(w, symbols) {
        workerClass.build(w, symbols);
        w.line();
        requests.build(w, symbols);
        for (const d of dataClasses) {
          w.line();
          d.build(w, symbols, kotlin.jsonCodec);
        }
      },
    });
  });
  ir.nativeServices.forEach((service, i) => {
    const layout = kotlin.nativeServices[i];
    if (layout === undefined) throw new Error(`no layout for native service ${service.name}`);
    builders.push(createNativeServiceFileBuilder(service, layout, kotlin.jsonCodec));
  });
  (ir.inputMergers ?? []).forEach((merger, i) => {
    const layout = kotlin.inputMergers[i];
    if (layout === undefined) throw new Error(`no layout for input merger ${merger.name}`);
    builders.push(createInputMergerClassBuilder(merger, layout));
  });
  for (const shared of [
    createWorkerFactoryBuilder(kotlin),
    createRegistryBuilder(kotlin),
    createCodecBuilder(kotlin),
  ]) {
    builders.push({ file: shared.file, source: allSources, prepare: shared.prepare, build: shared.build });
  }

  const symbols = createSymbolTable();
  for (const b of builders) b.prepare(symbols);
  return builders
    .map((b) => {
      const w = createKotlinWriter(kotlin.packageName, b.source);
      b.build(w, symbols);
      return { path: `${KOTLIN_DIR}/${kotlin.packageDir}/${b.file}.kt`, content: w.render() };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
