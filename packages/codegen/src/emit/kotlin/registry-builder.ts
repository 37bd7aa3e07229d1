import type { KotlinLayout } from '../../layout/kotlin-layout.js';
import type { KotlinWriter } from './kotlin-writer.js';
import { kotlinString } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';
import { ANDROIDX } from './symbols.js';

/** Bridge protocol the generated code and bundle speak (`@workscript/api` guest/bridge-protocol.md). */
export const BRIDGE_PROTOCOL_VERSION = 1;

/** Emits `WorkscriptWorkers`: every worker class by worker name, and the asset names. */
export function createRegistryBuilder(kotlin: KotlinLayout) {
  const file = kotlin.registryObject;
  return {
    file,
    prepare(symbols: SymbolTable): void {
      symbols.declare(kotlin.registryObject, file);
    },
    build(w: KotlinWriter, symbols: SymbolTable): void {
      const listenable = w.use(ANDROIDX.ListenableWorker);
      w.line('/** Every generated worker, and what the runtime needs to load the bundle. */');
      w.block(`object ${kotlin.registryObject}`, () => {
        w.line('/** Version of the bridge protocol the bundle and these classes were generated for. */');
        w.line(`const val BRIDGE_PROTOCOL_VERSION: Int = ${BRIDGE_PROTOCOL_VERSION}`);
        w.line();
        w.line('/** Asset holding the worker bundle. */');
        w.line('const val BUNDLE_ASSET: String = "workers.js"');
        w.line();
        w.line('/** Asset holding the manifest (workers, shapes, hashes). */');
        w.line('const val MANIFEST_ASSET: String = "workscript.json"');
        w.line();
        w.line('/** Worker class by worker name, sorted by name. */');
        w.line(
          `val workerClasses: Map<String, Class<out ${listenable}>> = linkedMapOf<String, Class<out ${listenable}>>(`,
        );
        w.indent(() => {
          for (const wl of kotlin.workers)
            w.line(`${kotlinString(wl.workerName)} to ${symbols.resolve(wl.workerClass)}::class.java,`);
        });
        w.line(')');
      });
    },
  };
}
