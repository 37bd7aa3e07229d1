import type { BundleWorker } from './create-bundle.js';
import { compareCodeUnits } from '../model/compare-code-units.js';

/** The module the entry takes `installWorkscript` from. */
export const GUEST_MODULE = '@workscript/api/guest';

/**
 * The parameter of the workers' part that holds every worker's shapes, in the entry's order. The shapes are
 * not in the entry: they change with every type change, and esbuild would parse, link and map them again
 * (half the bundle at 1,000 workers); the bundle passes them to the part as an argument instead.
 */
export const SHAPES_PARAM = '__workscriptShapes';

/** The generated entry module and where each worker's import sits in it. */
export interface BundleEntry {
  /** The module's text: the same for the same workers, names and files, whatever their shapes. */
  readonly contents: string;
  /** The elements of an array of the workers' shapes (JSON), in the entry's order: `  {…},` lines. */
  readonly shapes: string;
  /** The worker imported on a (1-based) line, for error messages. */
  workerOnLine(line: number): BundleWorker | undefined;
}

/**
 * The bundle's entry module: imports every worker's export, attaches its shapes (from {@link SHAPES_PARAM})
 * and hands the list to `installWorkscript`. Workers are sorted by name (then file and export) so the output
 * is deterministic.
 */
export function createBundleEntry(workers: readonly BundleWorker[]): BundleEntry {
  const sorted = [...workers].sort(
    (a, b) =>
      compareCodeUnits(a.name, b.name) ||
      compareCodeUnits(a.sourceFile, b.sourceFile) ||
      compareCodeUnits(a.exportName, b.exportName),
  );
  const imports = sorted.map(
    (w, i) =>
      `import { ${importName(w.exportName)} as w${i} } from ${JSON.stringify(moduleSpecifier(w.sourceFile))};`,
  );
  const entries = sorted.map((w, i) => `  { ...w${i}, shapes: ${SHAPES_PARAM}[${i}] },`);
  const shapes = sorted.map((w) => `  ${JSON.stringify(w.shapes)},\n`).join('');
  const contents = [
    `import { installWorkscript } from ${JSON.stringify(GUEST_MODULE)};`,
    ...imports,
    '',
    'installWorkscript([',
    ...entries,
    ']);',
    '',
  ].join('\n');
  const firstEntryLine = imports.length + 4;
  return {
    contents,
    shapes,
    // Line 1 imports the guest; worker i is imported on line i + 2 and listed on line firstEntryLine + i.
    workerOnLine: (line) => sorted[line >= firstEntryLine ? line - firstEntryLine : line - 2],
  };
}

function moduleSpecifier(sourceFile: string): string {
  const slashed = sourceFile.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed)) {
    throw new Error(`Worker source file '${sourceFile}' must be relative to the project root`);
  }
  return slashed.startsWith('./') || slashed.startsWith('../') ? slashed : `./${slashed}`;
}

function importName(exportName: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(exportName) ? exportName : JSON.stringify(exportName);
}
