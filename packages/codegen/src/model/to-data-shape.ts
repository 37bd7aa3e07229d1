import type { DataShape, FieldShape, WorkerShapes } from '@workscript/api';
import type { ShapeModel, TypeModel, WorkerModel } from './project-model.js';

/**
 * The `DataShape` of `@workscript/api` for a checked model type: spans and type names dropped. Only called
 * after the check stage, which rejects unsupported types.
 * @throws Error for an unsupported type (an internal error at that point).
 */
export function toDataShape(shape: ShapeModel): DataShape {
  return {
    fields: shape.fields.map((f) => ({
      name: f.name,
      type: toFieldShape(f.type),
      ...(f.optional ? { optional: true } : {}),
    })),
  };
}

/** The `FieldShape` of a checked model type. */
export function toFieldShape(t: TypeModel): FieldShape {
  switch (t.kind) {
    case 'enum':
      return { kind: 'enum', values: t.values };
    case 'array':
      return { kind: 'array', element: toFieldShape(t.element) };
    case 'object':
      return { kind: 'object', shape: toDataShape(t.shape) };
    case 'unsupported':
      throw new Error(`unsupported type '${t.typeText}' reached a later stage`);
    default:
      return { kind: t.kind };
  }
}

/** The worker's shapes as the bundle and the manifest carry them; roles without an object type are left out. */
export function workerShapes(worker: WorkerModel): WorkerShapes {
  const shape = (t: TypeModel | undefined): DataShape | undefined =>
    t?.kind === 'object' ? toDataShape(t.shape) : undefined;
  const input = shape(worker.input.type);
  const output = shape(worker.output.type);
  const failureOutput = shape(worker.failureOutput.type);
  const progress = shape(worker.progress.type);
  return {
    ...(input === undefined ? {} : { input }),
    ...(output === undefined ? {} : { output }),
    ...(failureOutput === undefined ? {} : { failureOutput }),
    ...(progress === undefined ? {} : { progress }),
  };
}
