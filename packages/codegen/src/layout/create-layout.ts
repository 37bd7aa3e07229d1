import { IMPORTED_SYMBOLS, simpleName } from '../emit/kotlin/symbols.js';
import type { ProjectModel, TypeModel } from '../model/project-model.js';
import type { DataClassLayout, KotlinLayout, WorkerLayout } from './kotlin-layout.js';
import { pascalCase } from './kotlin-names.js';
import { layoutDataClass } from './layout-data-class.js';
import { layoutInputMergers } from './layout-input-mergers.js';
import { layoutNativeServices } from './layout-native-services.js';
import { createNameAllocator } from './name-allocator.js';

/** Options of {@link createLayout}. */
export interface LayoutOptions {
  /** Kotlin package of the generated code. */
  readonly kotlinPackage: string;
}

/** Fixed names of the shared generated files. */
const SHARED = {
  factoryClass: 'WorkscriptWorkerFactory',
  registryObject: 'WorkscriptWorkers',
  jsonCodec: 'WorkscriptJson',
  codecFile: 'WorkscriptCodec',
};
/** Class name suffixes every worker gets; a worker's base name is chosen so all of them are free. */
const WORKER_SUFFIXES = ['Worker', 'Input', 'Output', 'FailureOutput', 'Progress', 'Requests'] as const;

/**
 * Decides every Kotlin name (style.md R23). Workers are laid out in model order (sorted by name), so when two
 * names collide (`sync` and `Sync`, or a worker called `Coroutine` whose `CoroutineWorker` would shadow
 * androidx's) the later one gets a numeric suffix: `Sync2Worker`.
 */
export function createLayout(ir: ProjectModel, options: LayoutOptions): KotlinLayout {
  const topLevel = createNameAllocator();
  for (const name of Object.values(SHARED)) topLevel.reserve([name], `the shared generated ${name}`);
  for (const q of IMPORTED_SYMBOLS)
    topLevel.reserve([simpleName(q)], `${q}, which the generated code imports`);
  const workers = ir.workers.map((w): WorkerLayout => {
    const base = topLevel.allocateGroup(
      pascalCase(w.name),
      WORKER_SUFFIXES,
      `the classes of worker '${w.name}'`,
    );
    const dataClass = (t: TypeModel | undefined, suffix: string): DataClassLayout | undefined =>
      t?.kind === 'object' && t.shape.fields.length > 0
        ? layoutDataClass(`${base}${suffix}`, t.shape)
        : undefined;
    return {
      workerName: w.name,
      fileName: `${base}Worker`,
      workerClass: `${base}Worker`,
      requestsObject: `${base}Requests`,
      input: dataClass(w.input.type, 'Input'),
      output: dataClass(w.output.type, 'Output'),
      failureOutput: dataClass(w.failureOutput.type, 'FailureOutput'),
      progress: dataClass(w.progress.type, 'Progress'),
    };
  });
  return {
    packageName: options.kotlinPackage,
    packageDir: options.kotlinPackage.split('.').join('/'),
    ...SHARED,
    workers,
    nativeServices: layoutNativeServices(ir.nativeServices, topLevel),
    // Last: a merger's class cannot move, so it never takes a name from the classes above.
    inputMergers: layoutInputMergers(ir.inputMergers ?? [], topLevel),
  };
}
