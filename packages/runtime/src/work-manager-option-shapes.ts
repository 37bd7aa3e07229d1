import { isWorkerDefinition } from '@workscript/api';
import { hasMethods } from './internal/argument-checks.js';
import { showValue } from './internal/show-value.js';
import { WorkDatabase } from './store/work-database.js';

/** Which members an object option must have, and what the option is. */
type Shape = readonly [members: readonly string[], what: string];

/** Object options by name: the functions each must have (a plain object without them fails much later). */
const OBJECT_OPTIONS: Readonly<Record<string, Shape>> = {
  workerFactory: [['createWorker'], 'a WorkerFactory ({ createWorker(name), knownWorkerNames })'],
  inputMergerFactory: [['createInputMerger'], 'an InputMergerFactory ({ createInputMerger(name) })'],
  clock: [['currentTimeMillis'], 'a Clock ({ currentTimeMillis() })'],
  timer: [['setTimeout', 'clearTimeout'], 'a Timer ({ setTimeout, clearTimeout })'],
  logger: [['log'], 'a Logger ({ log(level, tag, message, fields) })'],
  events: [['on', 'emit'], 'a WorkEventBus (createEventBus())'],
  executor: [['execute', 'close'], 'a WorkExecutor ({ execute(task), close() })'],
  deviceState: [['onChange', 'setNetwork'], 'a DeviceState (createDeviceState())'],
};

const FUNCTION_OPTIONS = ['schedulers', 'workerInitializationExceptionHandler'] as const;

function refuse(option: string, value: unknown, expected: string): never {
  throw new TypeError(`createWorkManager: ${option} must be ${expected}, got ${showValue(value)}`);
}

/**
 * The types of `createWorkManager`'s options, checked before anything is opened: a wrong one (a string for
 * `workers`, `{}` for `executor`) used to be taken and fail later, on the first enqueue or run, sometimes
 * after the database had committed a row or while it stayed locked. Limits and engines have their own checks.
 * @throws TypeError naming the option and what it must be.
 */
export function checkOptionShapes(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    refuse('options', options, 'an object of WorkManagerOptions (or nothing)');
  const o = options as Readonly<Record<string, unknown>>;
  for (const [name, [members, what]] of Object.entries(OBJECT_OPTIONS)) {
    const value = o[name];
    if (value === undefined) continue;
    if (!hasMethods(value, members)) refuse(name, value, what);
  }
  for (const name of FUNCTION_OPTIONS)
    if (o[name] !== undefined && typeof o[name] !== 'function') refuse(name, o[name], 'a function');
  const { workerFactory } = o as { workerFactory?: { knownWorkerNames?: unknown } };
  if (workerFactory !== undefined && !Array.isArray(workerFactory.knownWorkerNames))
    refuse('workerFactory.knownWorkerNames', workerFactory.knownWorkerNames, 'an array of worker names');
  if (o['workers'] !== undefined) {
    if (!Array.isArray(o['workers'])) refuse('workers', o['workers'], 'an array of defineWorker definitions');
    (o['workers'] as unknown[]).forEach((w, i) => {
      if (!isWorkerDefinition(w)) refuse(`workers[${i}]`, w, 'a definition made by defineWorker');
    });
  }
  for (const name of ['inputMergers', 'nativeServices'] as const)
    if (o[name] !== undefined && !Array.isArray(o[name])) refuse(name, o[name], 'an array');
  const { database } = o;
  if (
    database !== undefined &&
    !(database instanceof WorkDatabase) &&
    (typeof database !== 'string' || database === '')
  )
    refuse('database', database, "a file path, ':memory:', or a WorkDatabase");
  for (const name of ['bundlePath', 'workersModule'] as const) {
    const value = o[name];
    if (value !== undefined && !(typeof value === 'string' && value !== '') && !(value instanceof URL))
      refuse(name, value, name === 'bundlePath' ? 'a file path' : 'a module path or file URL');
  }
  if (o['settleOperations'] !== undefined && typeof o['settleOperations'] !== 'boolean')
    refuse('settleOperations', o['settleOperations'], 'true or false');
  const engine = o['engine'] as { kind?: unknown } | undefined;
  if (
    engine !== undefined &&
    (typeof engine !== 'object' || engine === null || (engine.kind !== 'inline' && engine.kind !== 'quickjs'))
  )
    refuse('engine', engine, "{ kind: 'inline' } or { kind: 'quickjs', ... }");
}
