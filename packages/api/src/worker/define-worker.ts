import { findShapeProblem, type DataShape } from '../data/data-shape.js';
import { InvalidWorkerDefinitionError, InvalidWorkRequestError } from '../errors.js';
import { describeStringInput, describeValue } from '../internal/describe-value.js';
import { isPlainObject } from '../internal/is-plain-object.js';
import { checkRequestDefaults } from '../request/check-request-defaults.js';
import { ONE_TIME_DEFAULT_KEYS, REQUEST_DEFAULT_KEYS } from '../request/check-request-fields.js';
import type {
  OneTimeWorkDefaults,
  PeriodicSchedule,
  WorkRequestDefaults,
} from '../request/work-request-options.js';
import type { EmptyOutput, WorkResult } from './result.js';
import type { WorkerContext } from './worker-context.js';

/** Runtime descriptions of a worker's types. The codegen fills these in; hand-written workers may omit them. */
export interface WorkerShapes {
  /** Shape of the input. */
  readonly input?: DataShape;
  /** Shape of the success output. */
  readonly output?: DataShape;
  /** Shape of the failure output. */
  readonly failureOutput?: DataShape;
  /** Shape of the progress. */
  readonly progress?: DataShape;
}

/**
 * What `defineWorker` takes. Request fields (`constraints`, `backoff`, `tags`, ...) are defaults: every
 * enqueue can override them. Types are inferred: annotate `run`'s input parameter (and `ctx` as
 * `WorkerContext<Progress>` if you report progress); the output types come from what `run` returns.
 */
export interface WorkerOptions<I, O, F, P> extends WorkRequestDefaults, OneTimeWorkDefaults {
  /**
   * The worker's name: a letter followed by letters, digits or `_` (at most 100 characters). It names the
   * generated Kotlin classes (`SyncContacts` → `SyncContactsWorker`) and must be unique in the app.
   */
  readonly name: string;
  /** Default schedule when the worker is enqueued as periodic work. Default: none. */
  readonly periodic?: PeriodicSchedule;
  /** Type shapes; filled in by the codegen. Default: none (inputs are encoded from plain values). */
  readonly shapes?: WorkerShapes;
  /** One run of the worker. */
  run(input: I, ctx: WorkerContext<P>): Promise<WorkResult<O, F>> | WorkResult<O, F>;
}

/** A frozen worker definition, as `defineWorker` returns it. Plain data plus the `run` function. */
export interface WorkerDefinition<I = unknown, O = unknown, F = unknown, P = unknown> extends WorkerOptions<
  I,
  O,
  F,
  P
> {
  /** Marks the object as a worker definition. */
  readonly kind: 'workscript.worker';
}

/** The input type of a worker definition. */
export type InputOf<W> = W extends WorkerDefinition<infer I, unknown, unknown, unknown> ? I : never;
/** The success output type of a worker definition. */
export type OutputOf<W> = W extends WorkerDefinition<unknown, infer O, unknown, unknown> ? O : never;
/** The failure output type of a worker definition. */
export type FailureOutputOf<W> = W extends WorkerDefinition<unknown, unknown, infer F, unknown> ? F : never;
/** The progress type of a worker definition. */
export type ProgressOf<W> = W extends WorkerDefinition<unknown, unknown, unknown, infer P> ? P : never;

/** Valid worker names. */
export const WORKER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/**
 * The keys `defineWorker` takes. An unknown one (a typo such as `backof`, or `tag` for `tags`) would be kept
 * on the definition and never read, so the worker would run without the default its author wrote. Typed as a
 * record of {@link WorkerOptions}' keys, so an option added there and not here fails to compile.
 */
const WORKER_OPTION_KEYS = Object.keys({
  name: true,
  run: true,
  periodic: true,
  shapes: true,
  ...REQUEST_DEFAULT_KEYS,
  ...ONE_TIME_DEFAULT_KEYS,
} satisfies Record<keyof WorkerOptions<unknown, unknown, unknown, unknown>, true>);

/** The keys of {@link WorkerShapes}. */
const SHAPE_KEYS = Object.keys({
  input: true,
  output: true,
  failureOutput: true,
  progress: true,
} satisfies Record<keyof WorkerShapes, true>);

/**
 * Defines a worker. Returns a deeply frozen definition and registers nothing globally: the codegen finds
 * definitions by reading your source, and the runtime takes them in a list.
 *
 * @example
 * ```ts
 * export const syncContacts = defineWorker({
 *   name: 'SyncContacts',
 *   constraints: { requiredNetworkType: 'CONNECTED' },
 *   async run(input: { since: string }, ctx) {
 *     return ctx.success({ fetched: 42 as Int });
 *   },
 * });
 * ```
 * @throws InvalidWorkerDefinitionError for a bad name or a missing `run`.
 * @throws InvalidWorkRequestError for request defaults that break WorkManager's rules.
 */
export function defineWorker<
  I = EmptyOutput,
  O = EmptyOutput,
  F = EmptyOutput,
  P = Readonly<Record<string, unknown>>,
>(options: WorkerOptions<I, O, F, P>): WorkerDefinition<I, O, F, P> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidWorkerDefinitionError('options', 'expected an object with at least { name, run }');
  }
  const { name, run } = options;
  if (typeof name !== 'string' || !WORKER_NAME_PATTERN.test(name)) {
    throw new InvalidWorkerDefinitionError(
      'name',
      `${describeStringInput(name)} is not a valid worker name; use a letter followed by letters, digits or '_' (at most 100 characters), e.g. 'SyncContacts'`,
    );
  }
  if (typeof run !== 'function') {
    throw new InvalidWorkerDefinitionError('run', `worker '${name}' needs a run(input, ctx) function`);
  }
  checkOptionKeys(options, name);
  checkShapes(options.shapes, name);
  try {
    checkRequestDefaults(options);
  } catch (e) {
    if (e instanceof InvalidWorkRequestError) {
      throw new InvalidWorkRequestError(
        `defineWorker('${name}').${e.field}`,
        e.message.slice(e.field.length + 2),
      );
    }
    throw e;
  }
  return deepFreeze({ ...options, kind: 'workscript.worker' as const });
}

function checkOptionKeys(options: object, name: string): void {
  for (const key of Object.keys(options)) {
    if (WORKER_OPTION_KEYS.includes(key)) continue;
    // A definition passed back in (`defineWorker({ ...other, name })`) carries its marker; it is replaced.
    if (key === 'kind' && (options as { kind?: unknown }).kind === 'workscript.worker') continue;
    throw new InvalidWorkerDefinitionError(
      key,
      `unknown option of worker '${name}'; valid options are ${WORKER_OPTION_KEYS.join(', ')}`,
    );
  }
}

/**
 * `shapes` steers how inputs are encoded and outputs decoded; a wrong one (a string, `inputs` for `input`, a
 * field without a kind) would be ignored or fail only at the first enqueue, far from the definition.
 */
function checkShapes(shapes: unknown, name: string): void {
  if (shapes === undefined) return;
  if (!isPlainObject(shapes)) {
    throw new InvalidWorkerDefinitionError(
      'shapes',
      `${describeValue(shapes)} is not valid for worker '${name}'; use an object { input, output, failureOutput, progress } of DataShapes ({ fields: [...] }), or leave shapes to the codegen`,
    );
  }
  for (const key of Object.keys(shapes)) {
    if (!SHAPE_KEYS.includes(key)) {
      throw new InvalidWorkerDefinitionError(
        `shapes.${key}`,
        `unknown shape of worker '${name}'; valid shapes are ${SHAPE_KEYS.join(', ')}`,
      );
    }
    const problem = shapes[key] === undefined ? undefined : findShapeProblem(shapes[key], `shapes.${key}`);
    if (problem !== undefined) {
      throw new InvalidWorkerDefinitionError(problem[0], `${problem[1]} (worker '${name}')`);
    }
  }
}

/** True when `value` is a definition made by {@link defineWorker}. */
export function isWorkerDefinition(value: unknown): value is WorkerDefinition {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'workscript.worker'
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
