import type { KotlinLayout } from '../../layout/kotlin-layout.js';
import type { KotlinWriter } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';
import { ANDROIDX } from './symbols.js';

/** Emits `WorkscriptWorkerFactory`, which creates every generated worker by class name. */
export function createWorkerFactoryBuilder(kotlin: KotlinLayout) {
  const file = kotlin.factoryClass;
  return {
    file,
    prepare(symbols: SymbolTable): void {
      symbols.declare(kotlin.factoryClass, file);
    },
    build(w: KotlinWriter, symbols: SymbolTable): void {
      w.line('/**');
      w.line(
        " * Creates the generated workers by class name. Add it to WorkManager's `Configuration` (directly or",
      );
      w.line(
        ' * through a `DelegatingWorkerFactory`); it returns null for other classes so the next factory can try.',
      );
      w.line(' */');
      w.block(`class ${kotlin.factoryClass} : ${w.use(ANDROIDX.WorkerFactory)}()`, () => {
        w.line('override fun createWorker(');
        w.indent(() => {
          w.line(`appContext: ${w.use(ANDROIDX.Context)},`);
          w.line('workerClassName: String,');
          w.line(`workerParameters: ${w.use(ANDROIDX.WorkerParameters)},`);
        });
        w.line(`): ${w.use(ANDROIDX.ListenableWorker)}? =`);
        w.indent(() => {
          w.block('when (workerClassName)', () => {
            for (const wl of kotlin.workers) {
              const cls = symbols.resolve(wl.workerClass);
              w.line(`${cls}::class.java.name -> ${cls}(appContext, workerParameters)`);
            }
            w.line('else -> null');
          });
        });
      });
    },
  };
}
