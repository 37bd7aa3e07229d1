import type { BundleInputMerger, BundleWorker } from './create-bundle.js';
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
  /** The module's text: the same for the same workers, mergers, names and files, whatever the shapes. */
  readonly contents: string;
  /** The elements of an array of the workers' shapes (JSON), in the entry's order: `  {…},` lines. */
  readonly shapes: string;
  /** The worker imported or listed on a (1-based) line, for error messages. */
  workerOnLine(line: number): BundleWorker | undefined;
  /** The input merger imported or listed on a (1-based) line, for error messages. */
  mergerOnLine(line: number): BundleInputMerger | undefined;
}

/** What workers and mergers share for sorting and importing. */
type Definition = Pick<BundleWorker, 'name' | 'exportName' | 'sourceFile'>;

/**
 * The bundle's entry module: imports every worker's export, attaches its shapes (from {@link SHAPES_PARAM})
 * and hands the list to `installWorkscript`, with the custom input mergers' exports as its second argument.
 * Both lists are sorted by name (then file and export) so the output is deterministic. Without mergers the
 * call has one argument, so bundles of projects without mergers are the bytes they were before mergers.
 */
export function createBundleEntry(
  workers: readonly BundleWorker[],
  inputMergers: readonly BundleInputMerger[] = [],
): BundleEntry {
  const sorted = sortDefinitions(workers);
  const mergers = sortDefinitions(inputMergers);
  // Each line with the definition it imports or lists, so errors esbuild reports at a line of the entry
  // (a missing file or export) name the worker or merger concerned.
  const lines: [string, Owner?][] = [
    [`import { installWorkscript } from ${JSON.stringify(GUEST_MODULE)};`],
    ...sorted.map((w, i): [string, Owner] => [importLine(w, `w${i}`, 'Worker'), { worker: w }]),
    ...mergers.map((m, i): [string, Owner] => [importLine(m, `m${i}`, 'Input merger'), { merger: m }]),
    [''],
    ['installWorkscript(['],
    ...sorted.map((w, i): [string, Owner] => [
      `  { ...w${i}, shapes: ${SHAPES_PARAM}[${i}] },`,
      { worker: w },
    ]),
    // Without mergers the call keeps its one argument: bundles of projects without mergers stay as they were.
    ...(mergers.length === 0
      ? []
      : [['], ['] as [string], ...mergers.map((m, i): [string, Owner] => [`  m${i},`, { merger: m }])]),
    [']);'],
    [''],
  ];
  const shapes = sorted.map((w) => `  ${JSON.stringify(w.shapes)},\n`).join('');
  return {
    contents: lines.map(([text]) => text).join('\n'),
    shapes,
    workerOnLine: (line) => lines[line - 1]?.[1]?.worker,
    mergerOnLine: (line) => lines[line - 1]?.[1]?.merger,
  };
}

/** The worker or merger a line of the entry belongs to. */
interface Owner {
  readonly worker?: BundleWorker;
  readonly merger?: BundleInputMerger;
}

function sortDefinitions<T extends Definition>(definitions: readonly T[]): T[] {
  return [...definitions].sort(
    (a, b) =>
      compareCodeUnits(a.name, b.name) ||
      compareCodeUnits(a.sourceFile, b.sourceFile) ||
      compareCodeUnits(a.exportName, b.exportName),
  );
}

function importLine(definition: Definition, local: string, what: string): string {
  const from = JSON.stringify(moduleSpecifier(definition.sourceFile, what));
  return `import { ${importName(definition.exportName)} as ${local} } from ${from};`;
}

function moduleSpecifier(sourceFile: string, what: string): string {
  const slashed = sourceFile.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed)) {
    throw new Error(`${what} source file '${sourceFile}' must be relative to the project root`);
  }
  return slashed.startsWith('./') || slashed.startsWith('../') ? slashed : `./${slashed}`;
}

function importName(exportName: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(exportName) ? exportName : JSON.stringify(exportName);
}
