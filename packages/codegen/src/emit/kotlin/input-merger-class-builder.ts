import type { InputMergerLayout } from '../../layout/kotlin-layout.js';
import type { InputMergerModel } from '../../model/project-model.js';
import type { FileBuilder } from './emit-kotlin.js';
import { kotlinString } from './kotlin-writer.js';
import { ANDROIDX, RUNTIME } from './symbols.js';

/**
 * Emits one custom input merger's file: an androidx `InputMerger` subclass named after the merger whose
 * `merge` is a single blocking call into the process-wide runtime, `Workscript.merge(name, inputs)`, which
 * runs the TypeScript `merge` in the bundle and throws when it fails (WorkManager then fails the work, as it
 * does when any merger throws). WorkManager creates it by class name, so it needs no factory or registry.
 */
export function createInputMergerClassBuilder(
  merger: InputMergerModel,
  layout: InputMergerLayout,
): FileBuilder {
  return {
    file: layout.fileName,
    source: `${merger.name} in ${merger.sourceFile}`,
    prepare(symbols) {
      symbols.declare(layout.className, layout.fileName);
    },
    build(w) {
      const data = w.use(ANDROIDX.Data);
      w.line('/**');
      w.line(
        ` * Runs the TypeScript input merger '${merger.name}' (export \`${merger.exportName ?? merger.variableName}\` of ${merger.sourceFile}) in the`,
      );
      w.line(
        ' * Workscript runtime, blocking until it returns. WorkManager creates it by class name for requests built',
      );
      w.line(
        ` * with \`setInputMerger(${layout.className}::class.java)\` and calls [merge] before the work runs; a merge that`,
      );
      w.line(' * throws fails the work.');
      w.line(' */');
      w.block(`public class ${layout.className} : ${w.use(ANDROIDX.InputMerger)}()`, () => {
        w.line(
          `override fun merge(inputs: List<${data}>): ${data} = ${w.use(RUNTIME.Workscript)}.merge(${kotlinString(layout.mergerName)}, inputs)`,
        );
      });
    },
  };
}
