import type { ProjectDecl, RoleTypeDecl, WorkerDecl } from '../parse/decl.js';
import { toNativeServices } from './build-native-services.js';
import type { OptionModel, ProjectModel, RoleModel, WorkerModel } from './project-model.js';
import { compareCodeUnits } from './compare-code-units.js';
import { staticName } from './static-name.js';
import { toType } from './to-type.js';

/** Turns the parse stage's declarations into the IR: resolves names, sorts workers, drops source text. */
export function buildModel(decl: ProjectDecl): ProjectModel {
  const workers = decl.workers
    .map(toWorker)
    .sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.sourceFile, b.sourceFile));
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
  };
}

function nameOf(w: WorkerDecl | undefined): string | undefined {
  return w?.name !== undefined && 'value' in w.name && typeof w.name.value === 'string'
    ? w.name.value
    : undefined;
}

function toWorker(w: WorkerDecl): WorkerModel {
  const name = staticName(w.name);
  return {
    name: name.text,
    nameIsLiteral: name.literal,
    nameSpan: w.name?.span ?? w.optionsSpan,
    exportName: w.exportName,
    variableName: w.variableName,
    sourceFile: w.sourceFile,
    span: w.span,
    optionsText: w.optionsText,
    optionsSpan: w.optionsSpan,
    defaults: w.options.map((o): OptionModel =>
      'value' in o.value
        ? { path: o.path, value: o.value.value, span: o.value.span }
        : { path: o.path, dynamic: o.value.dynamic, span: o.value.span },
    ),
    input: toRole(w.input),
    output: toRole(w.output),
    failureOutput: toRole(w.failureOutput),
    progress: toRole(w.progress),
  };
}

function toRole(r: RoleTypeDecl): RoleModel {
  return { type: r.type === undefined ? undefined : toType(r.type), typeText: r.typeText, span: r.span };
}
