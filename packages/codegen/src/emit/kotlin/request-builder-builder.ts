import { MAX_TRACE_TAG_LENGTH } from '@workscript/api';
import type { InputMergerLayout, WorkerLayout } from '../../layout/kotlin-layout.js';
import { customInputMerger, defaultValue, type WorkerModel } from '../../model/project-model.js';
import type { JsonValue } from '../../parse/decl.js';
import type { KotlinWriter } from './kotlin-writer.js';
import { kotlinLong, kotlinString } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';
import { ANDROIDX } from './symbols.js';

/**
 * `Constraints.Builder` setters by constraint option, with the API level androidx requires of the setter
 * (`@RequiresApi`; 0 for none).
 */
const CONSTRAINT_SETTERS = [
  ['constraints.requiresBatteryNotLow', 'setRequiresBatteryNotLow', 0],
  ['constraints.requiresCharging', 'setRequiresCharging', 0],
  ['constraints.requiresDeviceIdle', 'setRequiresDeviceIdle', 23],
  ['constraints.requiresStorageNotLow', 'setRequiresStorageNotLow', 0],
] as const;

/** The API level of `addContentUriTrigger` and the trigger-delay setters (JobScheduler's content triggers). */
const CONTENT_TRIGGER_API = 24;

/** `Constraints.Builder` setters of the content-trigger delays; `-1` (the default) emits nothing. */
const TRIGGER_DELAY_SETTERS = [
  ['constraints.contentTriggerUpdateDelayMillis', 'setTriggerContentUpdateDelay'],
  ['constraints.contentTriggerMaxDelayMillis', 'setTriggerContentMaxDelay'],
] as const;

/** Name of the factories' parameter that carries `backoffOnSystemInterruptions`. */
const SYSTEM_INTERRUPTIONS_PARAM = 'backoffOnSystemInterruptions';
const SYSTEM_INTERRUPTIONS_DOC =
  ' * [backoffOnSystemInterruptions] (the definition sets `true`) calls `setBackoffForSystemInterruptions()`.';

/** WorkManager's defaults when only one half of the backoff criteria is given. */
const DEFAULT_BACKOFF_POLICY = 'EXPONENTIAL';
const DEFAULT_BACKOFF_DELAY_MILLIS = 30_000;

/**
 * Emits `XxxRequests` with typed `oneTime(...)` and `periodic(...)` request factories that carry the
 * definition's literal defaults. The `configure` block runs last, so whatever it sets overrides a default,
 * as an enqueue's options override the definition on Node. Non-literal defaults are not carried (the check
 * stage warns, WS1022). A custom input merger default names its generated class, from `inputMergers`.
 */
export function createRequestBuilderBuilder(
  worker: WorkerModel,
  layout: WorkerLayout,
  file: string,
  inputMergers: readonly InputMergerLayout[],
) {
  return {
    prepare(symbols: SymbolTable): void {
      symbols.declare(layout.requestsObject, file);
    },
    build(w: KotlinWriter, symbols: SymbolTable): void {
      const workerClass = symbols.resolve(layout.workerClass);
      const input = layout.input === undefined ? undefined : symbols.resolve(layout.input.className);
      const inputParam = input === undefined ? '' : `input: ${input}, `;
      const oneTime = w.use(ANDROIDX.OneTimeWorkRequest);
      // Imported only where used: an unused import is a Kotlin warning in the user's build.
      const timeUnit = (): string => w.use(ANDROIDX.TimeUnit);
      const expedited = defaultValue(worker, 'expedited');
      const systemInterruptions = backsOffOnSystemInterruptions(worker);
      // The setter is experimental (and absent before work-runtime 2.11): opt in only where it is called.
      const optIn = (): void => {
        if (systemInterruptions)
          w.line(`@OptIn(${w.use(ANDROIDX.ExperimentalWorkRequestBuilderApi)}::class)`);
      };
      const systemInterruptionsParam = systemInterruptions
        ? `${SYSTEM_INTERRUPTIONS_PARAM}: Boolean = true, `
        : '';
      w.line(
        `/** Typed work requests for [${workerClass}] with the defaults of its TypeScript definition. */`,
      );
      w.block(`object ${layout.requestsObject}`, () => {
        if (systemInterruptions) {
          w.line('/**');
          w.line(
            " * A one-time request with the definition's defaults; [configure] runs last and may override any of them.",
          );
          w.line(SYSTEM_INTERRUPTIONS_DOC);
          w.line(' */');
        } else {
          w.line(
            "/** A one-time request with the definition's defaults; [configure] runs last and may override any of them. */",
          );
        }
        optIn();
        w.block(
          `fun oneTime(${inputParam}${systemInterruptionsParam}configure: ${oneTime}.Builder.() -> Unit = {}): ${oneTime}`,
          () => {
            w.line(`val builder = ${oneTime}.Builder(${workerClass}::class.java)`);
            if (input !== undefined) w.line('builder.setInputData(input.toData())');
            writeCommonDefaults(w, worker, timeUnit);
            if (typeof expedited === 'string')
              w.line(`builder.setExpedited(${w.use(ANDROIDX.OutOfQuotaPolicy)}.${expedited})`);
            const merger = defaultValue(worker, 'inputMerger');
            if (merger === 'ArrayCreatingInputMerger')
              w.line(`builder.setInputMerger(${w.use(ANDROIDX.ArrayCreatingInputMerger)}::class.java)`);
            if (merger === 'OverwritingInputMerger')
              w.line(`builder.setInputMerger(${w.use(ANDROIDX.OverwritingInputMerger)}::class.java)`);
            const custom = customInputMerger(worker);
            if (custom !== undefined) {
              const mergerClass = inputMergers.find((m) => m.mergerName === custom)?.className;
              if (mergerClass === undefined) throw new Error(`no layout for input merger ${custom}`);
              w.line(`builder.setInputMerger(${symbols.resolve(mergerClass)}::class.java)`);
            }
            w.line('builder.configure()');
            w.line('return builder.build()');
          },
        );
        // WorkManager rejects expedited periodic work, so an expedited worker gets no periodic factory.
        if (expedited !== undefined) return;
        const periodic = w.use(ANDROIDX.PeriodicWorkRequest);
        const interval = defaultValue(worker, 'periodic.intervalMs');
        const flex = defaultValue(worker, 'periodic.flexMs');
        w.line();
        w.line('/**');
        w.line(
          " * A periodic request with the definition's defaults. The flex window defaults to the whole interval, as",
        );
        w.line(' * in WorkManager; [configure] runs last and may override any default.');
        if (systemInterruptions) w.line(SYSTEM_INTERRUPTIONS_DOC);
        w.line(' */');
        optIn();
        w.line('fun periodic(');
        w.indent(() => {
          if (input !== undefined) w.line(`input: ${input},`);
          w.line(
            `repeatIntervalMs: Long${typeof interval === 'number' ? ` = ${kotlinLong(interval)}` : ''},`,
          );
          w.line(
            `flexIntervalMs: Long = ${typeof flex === 'number' ? kotlinLong(flex) : 'repeatIntervalMs'},`,
          );
          if (systemInterruptions) w.line(`${SYSTEM_INTERRUPTIONS_PARAM}: Boolean = true,`);
          w.line(`configure: ${periodic}.Builder.() -> Unit = {},`);
        });
        w.block(`): ${periodic}`, () => {
          w.line(`val builder = ${periodic}.Builder(`);
          w.indent(() => {
            w.line(`${workerClass}::class.java,`);
            w.line(`repeatIntervalMs,`);
            w.line(`${timeUnit()}.MILLISECONDS,`);
            w.line(`flexIntervalMs,`);
            w.line(`${timeUnit()}.MILLISECONDS,`);
          });
          w.line(')');
          if (input !== undefined) w.line('builder.setInputData(input.toData())');
          writeCommonDefaults(w, worker, timeUnit);
          w.line('builder.configure()');
          w.line('return builder.build()');
        });
      });
    },
  };
}

/**
 * Defaults both request kinds share: constraints, backoff, tags, initial delay, result retention, trace tag.
 */
function writeCommonDefaults(w: KotlinWriter, worker: WorkerModel, timeUnit: () => string): void {
  const network = defaultValue(worker, 'constraints.requiredNetworkType');
  const flags = CONSTRAINT_SETTERS.filter(([path]) => typeof defaultValue(worker, path) === 'boolean');
  const triggers = contentUriTriggers(defaultValue(worker, 'constraints.contentUriTriggers'));
  const delays = TRIGGER_DELAY_SETTERS.flatMap(([path, setter]) => {
    const ms = defaultValue(worker, path);
    return typeof ms === 'number' && ms !== -1 ? [{ setter, ms }] : [];
  });
  if (typeof network === 'string' || flags.length > 0 || triggers.length > 0 || delays.length > 0) {
    w.line('builder.setConstraints(');
    w.indent(() => {
      w.line(`${w.use(ANDROIDX.Constraints)}.Builder()`);
      w.indent(() => {
        if (typeof network === 'string')
          w.line(`.setRequiredNetworkType(${w.use(ANDROIDX.NetworkType)}.${network})`);
        const setting = (path: string, setter: string) => `${setter}(${String(defaultValue(worker, path))})`;
        for (const [path, setter, api] of flags) if (api === 0) w.line(`.${setting(path, setter)}`);
        // Setters androidx marks @RequiresApi go inside an API-level check: it keeps Lint's NewApi quiet for a
        // lower minSdk and changes nothing, as WorkManager ignores device idle below API 23 and runs trigger
        // work as ordinary work below API 24 anyway.
        const whenApi = (api: number, body: () => void) =>
          w.block('.apply', () => w.block(`if (${w.use(ANDROIDX.Build)}.VERSION.SDK_INT >= ${api})`, body));
        for (const [path, setter, api] of flags)
          if (api > 0) whenApi(api, () => w.line(setting(path, setter)));
        if (triggers.length > 0 || delays.length > 0) {
          whenApi(CONTENT_TRIGGER_API, () => {
            for (const t of triggers) {
              w.line(
                `addContentUriTrigger(${w.use(ANDROIDX.Uri)}.parse(${kotlinString(t.uri)}), ${String(t.isTriggeredForDescendants)})`,
              );
            }
            // The (Long, TimeUnit) overloads: the java.time.Duration ones need API 26.
            for (const { setter, ms } of delays)
              w.line(`${setter}(${kotlinLong(ms)}, ${timeUnit()}.MILLISECONDS)`);
          });
        }
        w.line('.build(),');
      });
    });
    w.line(')');
  }
  const policy = defaultValue(worker, 'backoff.policy');
  const delay = defaultValue(worker, 'backoff.delayMs');
  // A half that is not a literal would be replaced by WorkManager's default here: carry neither (WS1022 warns).
  const partlyDynamic = worker.defaults.some((o) => o.path.startsWith('backoff') && !('value' in o));
  if (!partlyDynamic && (typeof policy === 'string' || typeof delay === 'number')) {
    const p = typeof policy === 'string' ? policy : DEFAULT_BACKOFF_POLICY;
    const d = typeof delay === 'number' ? delay : DEFAULT_BACKOFF_DELAY_MILLIS;
    w.line(
      `builder.setBackoffCriteria(${w.use(ANDROIDX.BackoffPolicy)}.${p}, ${kotlinLong(d)}, ${timeUnit()}.MILLISECONDS)`,
    );
  }
  const tags = defaultValue(worker, 'tags');
  if (Array.isArray(tags))
    for (const t of tags) if (typeof t === 'string') w.line(`builder.addTag(${kotlinString(t)})`);
  const initialDelay = defaultValue(worker, 'initialDelayMs');
  if (typeof initialDelay === 'number' && initialDelay > 0)
    w.line(`builder.setInitialDelay(${kotlinLong(initialDelay)}, ${timeUnit()}.MILLISECONDS)`);
  const keep = defaultValue(worker, 'keepResultsForAtLeastMs');
  if (typeof keep === 'number' && keep > 0)
    w.line(`builder.keepResultsForAtLeast(${kotlinLong(keep)}, ${timeUnit()}.MILLISECONDS)`);
  // Only when the definition sets one: without it WorkManager names the span after the worker class
  // (`SyncContactsWorker`). Cut as `build()` cuts it (`take(127)`), so the source says what the device does;
  // the check stage warns (WS1046).
  const traceTag = defaultValue(worker, 'traceTag');
  if (typeof traceTag === 'string' && traceTag !== '')
    w.line(`builder.setTraceTag(${kotlinString(traceTag.slice(0, MAX_TRACE_TAG_LENGTH))})`);
  if (backsOffOnSystemInterruptions(worker))
    w.line(`if (${SYSTEM_INTERRUPTIONS_PARAM}) builder.setBackoffForSystemInterruptions()`);
}

/**
 * The literal `constraints.contentUriTriggers`, each trigger once, first occurrences first: they are a set in
 * androidx and in `@workscript/api`, so a duplicate would only add a line. The check stage has refused
 * anything that is not a valid trigger; such values are skipped here rather than emitted.
 */
function contentUriTriggers(
  value: JsonValue | undefined,
): { readonly uri: string; readonly isTriggeredForDescendants: boolean }[] {
  if (!Array.isArray(value)) return [];
  const out: { uri: string; isTriggeredForDescendants: boolean }[] = [];
  for (const t of value as readonly JsonValue[]) {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) continue;
    const { uri, isTriggeredForDescendants } = t as Readonly<Record<string, JsonValue>>;
    if (typeof uri !== 'string' || typeof isTriggeredForDescendants !== 'boolean') continue;
    if (out.some((o) => o.uri === uri && o.isTriggeredForDescendants === isTriggeredForDescendants)) continue;
    out.push({ uri, isTriggeredForDescendants });
  }
  return out;
}

/**
 * Whether the definition sets `backoffOnSystemInterruptions: true`. Only then do the factories take a
 * `backoffOnSystemInterruptions` parameter (default `true`, so a caller can pass `false`: androidx's setter
 * takes no argument and cannot be undone in `configure`) and call the experimental
 * `setBackoffForSystemInterruptions()`, which work-runtime 2.10 and older lack: `false` or no value is
 * WorkManager's default and emits nothing, so such code still compiles against them.
 */
function backsOffOnSystemInterruptions(worker: WorkerModel): boolean {
  return defaultValue(worker, 'backoffOnSystemInterruptions') === true;
}
