import type {
  DefinitionDecl,
  InputMergerDecl,
  OptionDecl,
  ProjectDecl,
  RoleTypeDecl,
  WorkerDecl,
} from '../parse/decl.js';
import { toNativeServices } from './build-native-services.js';
import type {
  DefinitionModel,
  InputMergerModel,
  OptionModel,
  ProjectModel,
  RoleModel,
  WorkerModel,
} from './project-model.js';
import { compareCodeUnits } from './compare-code-units.js';
import { staticName } from './static-name.js';
import { toType } from './to-type.js';

/**
 * Turns the parse stage's declarations into the IR: resolves names (references to input mergers included),
 * sorts workers and mergers, drops source text.
 */
export function buildModel(decl: ProjectDecl): ProjectModel {
  const byNameThenFile = (a: { name: string; sourceFile: string }, b: { name: string; sourceFile: string }) =>
    compareCodeUnits(a.name, b.name) || compareCodeUnits(a.sourceFile, b.sourceFile);
  const inputMergers = decl.inputMergers.map(toInputMerger).sort(byNameThenFile);
  const workers = decl.workers.map((w) => toWorker(w, decl.inputMergers)).sort(byNameThenFile);
  const requestInputs = decl.requestInputs.map((r) => ({
    callee: r.callee,
    workerName:
      r.worker === undefined
        ? undefined
        : nameOf(
            decl.workers.find(
              (w) => w.sourceFile === r.worker?.sourceFile && w.variableName === r.worker.variableName,
            ),
          ),
    value: r.value,
    span: r.span,
  }));
  const hostGlobalReferences = decl.hostGlobalReferences.map((r) => ({ name: r.name, span: r.span }));
  return {
    workers,
    nativeServices: toNativeServices(decl.nativeServices),
    requestInputs,
    ...(hostGlobalReferences.length > 0 ? { hostGlobalReferences } : {}),
    ...(inputMergers.length > 0 ? { inputMergers } : {}),
  };
}

function toInputMerger(m: InputMergerDecl): InputMergerModel {
  // A non-literal options argument stands for the name: the merger reads nothing else from it.
  return definitionModel(
    m,
    m.optionsText === undefined ? staticName(m.name) : { text: m.optionsText, literal: false },
  );
}

/** The {@link DefinitionModel} fields of a definition, with its name as `staticName` reads it. */
function definitionModel(d: DefinitionDecl, name: { text: string; literal: boolean }): DefinitionModel {
  return {
    name: name.text,
    nameIsLiteral: name.literal,
    nameSpan: d.name?.span ?? d.optionsSpan,
    exportName: d.exportName,
    variableName: d.variableName,
    sourceFile: d.sourceFile,
    span: d.span,
    optionsText: d.optionsText,
  };
}

function nameOf(w: WorkerDecl | undefined): string | undefined {
  return w?.name !== undefined && 'value' in w.name && typeof w.name.value === 'string'
    ? w.name.value
    : undefined;
}

function toWorker(w: WorkerDecl, inputMergers: readonly InputMergerDecl[]): WorkerModel {
  return {
    ...definitionModel(w, staticName(w.name)),
    optionsSpan: w.optionsSpan,
    defaults: w.options.map((o) => toOption(o, inputMergers)),
    input: toRole(w.input),
    output: toRole(w.output),
    failureOutput: toRole(w.failureOutput),
    progress: toRole(w.progress),
  };
}

/**
 * A default as the IR holds it. A reference to an input merger becomes the merger's name; one to a definition
 * the parse stage did not find (outside the project's files) stays the expression, which the check stage
 * reports. A merger whose name is not a literal is named by its expression here; its own check reports it.
 */
function toOption(o: OptionDecl, inputMergers: readonly InputMergerDecl[]): OptionModel {
  const v = o.value;
  if ('value' in v) return { path: o.path, value: v.value, span: v.span };
  if ('dynamic' in v) return { path: o.path, dynamic: v.dynamic, span: v.span };
  const { sourceFile, variableName } = v.inputMerger;
  const target = inputMergers.find((m) => m.sourceFile === sourceFile && m.variableName === variableName);
  if (target === undefined) return { path: o.path, dynamic: v.text, span: v.span };
  return { path: o.path, inputMerger: toInputMerger(target).name, span: v.span };
}

function toRole(r: RoleTypeDecl): RoleModel {
  return { type: r.type === undefined ? undefined : toType(r.type), typeText: r.typeText, span: r.span };
}
