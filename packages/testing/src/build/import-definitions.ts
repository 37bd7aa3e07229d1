import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A definition the manifest names: its name, the export that holds it and the module, from the root. */
export interface NamedExport {
  readonly name: string;
  readonly exportName: string;
  readonly sourceFile: string;
}

/**
 * Imports each definition the manifest names (for the inline engine), checking that the export is still the
 * definition of that name (`is`), so a stale build is reported rather than run. `what` is `worker` or
 * `input merger`, for the messages; `option` is the start() option that takes the definitions instead.
 */
export async function importDefinitions<T extends { readonly name: string }>(
  root: string,
  entries: readonly NamedExport[],
  is: (value: unknown) => value is T,
  what: string,
  option: string,
): Promise<readonly T[]> {
  return Promise.all(
    entries.map(async (entry) => {
      const file = path.resolve(root, entry.sourceFile);
      let module: Record<string, unknown>;
      try {
        module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (e) {
        throw new Error(
          `The inline engine could not import ${what} '${entry.name}' from ${file} (${(e as Error).message}); run the tests with a runner that compiles TypeScript (vitest), or pass the definitions: start({ engine: 'inline', ${option}: [...] })`,
          { cause: e },
        );
      }
      const definition = module[entry.exportName];
      if (!is(definition) || definition.name !== entry.name) {
        throw new Error(
          `The export '${entry.exportName}' of ${file} is not the definition of ${what} '${entry.name}' the bundle was built from; rebuild (the sources changed) or pass the definitions to start({ ${option} })`,
        );
      }
      return definition;
    }),
  );
}
