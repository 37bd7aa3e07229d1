import type { KotlinLayout, WorkerLayout } from '../../layout/kotlin-layout.js';
import type { WorkerModel } from '../../model/project-model.js';
import type { KotlinWriter } from './kotlin-writer.js';
import { kotlinString } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';
import { ANDROIDX, RUNTIME } from './symbols.js';

/**
 * Emits `XxxWorker : CoroutineWorker`, kept thin (style.md R26): decode `inputData` into the input class,
 * one call into the process-wide Workscript runtime (`Workscript.runtime(applicationContext).run(...)`) with
 * JSON strings, forwarding the triggered content, progress and the stop reason, and map the result to
 * `Result.success/retry/failure`.
 * Its companion reads typed output and progress back from a `WorkInfo`.
 */
export function createWorkerClassBuilder(
  worker: WorkerModel,
  layout: WorkerLayout,
  kotlin: KotlinLayout,
  file: string,
) {
  return {
    prepare(symbols: SymbolTable): void {
      symbols.declare(layout.workerClass, file);
    },
    build(w: KotlinWriter, symbols: SymbolTable): void {
      const json = symbols.resolve(kotlin.jsonCodec);
      const cls = (name: string | undefined): string | undefined =>
        name === undefined ? undefined : symbols.resolve(name);
      const input = cls(layout.input?.className);
      const output = cls(layout.output?.className);
      const failure = cls(layout.failureOutput?.className);
      const progress = cls(layout.progress?.className);
      const result = `${w.use(ANDROIDX.ListenableWorker)}.Result`;
      const runResult = w.use(RUNTIME.WorkscriptResult);
      w.line('/**');
      w.line(
        ` * Runs the TypeScript worker '${worker.name}' (export \`${worker.exportName ?? worker.variableName}\` of ${worker.sourceFile}) in the`,
      );
      w.line(
        ` * Workscript runtime. WorkManager creates it by class name, or through [${symbols.resolve(kotlin.factoryClass)}].`,
      );
      w.line(' */');
      w.line(`class ${layout.workerClass}(`);
      w.indent(() => {
        w.line(`appContext: ${w.use(ANDROIDX.Context)},`);
        w.line(`private val params: ${w.use(ANDROIDX.WorkerParameters)},`);
      });
      w.block(`) : ${w.use(ANDROIDX.CoroutineWorker)}(appContext, params)`, () => {
        // The getters only read WorkerParameters; below API 24 the triggered-content lists are empty.
        w.line(
          '@Suppress("NewApi") // @RequiresApi 31 (stopReason) and 24 (triggeredContent*) in androidx, but set on every API level',
        );
        w.block(`override suspend fun doWork(): ${result}`, () => {
          if (input !== undefined) {
            w.line(
              '// A missing or mistyped key throws IllegalArgumentException; WorkManager turns an exception',
            );
            w.line('// thrown by doWork() into FAILED, exactly as for a hand-written worker.');
            w.line(`val input = ${input}.fromData(inputData)`);
          }
          w.line(`val result = ${w.use(RUNTIME.Workscript)}.runtime(applicationContext).run(`);
          w.indent(() => {
            w.line('workerName = WORKER_NAME,');
            w.line(
              `inputJson = ${input === undefined ? '"{}"' : `${json}.encodeToString(${input}.serializer(), input)`},`,
            );
            w.line(`context = ${w.use(RUNTIME.WorkscriptRunContext)}(`);
            w.indent(() => {
              w.line('id = id.toString(),');
              w.line('tags = tags.sorted(),');
              w.line('runAttemptCount = runAttemptCount,');
              w.line('generation = params.generation,');
              w.line('triggeredContentUris = triggeredContentUris.map { it.toString() },');
              w.line('triggeredContentAuthorities = triggeredContentAuthorities,');
              w.line('stopReason = { stopReason },');
            });
            w.line('),');
            w.line(
              progress === undefined
                ? `onProgress = { progressJson -> setProgress(${w.use(RUNTIME.WorkscriptData)}.jsonToData(progressJson, ${kotlinString(`Progress of worker '${worker.name}'`)})) },`
                : `onProgress = { progressJson -> setProgress(${json}.decodeFromString(${progress}.serializer(), progressJson).toData()) },`,
            );
          });
          w.line(')');
          w.block('return when (result)', () => {
            w.line(
              output === undefined
                ? `is ${runResult}.Success -> ${result}.success()`
                : `is ${runResult}.Success -> ${result}.success(${json}.decodeFromString(${output}.serializer(), result.outputJson).toData())`,
            );
            if (failure === undefined) {
              w.line(`is ${runResult}.Failure -> ${result}.failure()`);
            } else {
              w.block(`is ${runResult}.Failure ->`, () => {
                w.line(
                  '// A run that threw or hit a limit (error != null; the runtime logged it with its .ts stack)',
                );
                w.line(
                  '// has no typed failure output: FAILED with empty output, as WorkManager does for an exception.',
                );
                w.line(`if (result.error != null) ${result}.failure()`);
                w.line(
                  `else ${result}.failure(${json}.decodeFromString(${failure}.serializer(), result.outputJson).toData())`,
                );
              });
            }
            w.line(`is ${runResult}.Retry -> ${result}.retry()`);
          });
        });
        w.line();
        w.block('companion object', () => {
          w.line('/** The name the worker is registered under in the bundle (`defineWorker({ name })`). */');
          w.line(`const val WORKER_NAME: String = ${kotlinString(worker.name)}`);
          const reader = (
            doc: string,
            name: string,
            type: string,
            condition: (workInfo: string) => string,
            source: string,
          ): void => {
            const workInfo = w.use(ANDROIDX.WorkInfo);
            w.line();
            w.line(`/** ${doc} */`);
            w.line(`fun ${name}(workInfo: ${workInfo}): ${type}? =`);
            w.indent(() => w.line(`if (${condition(workInfo)}) ${type}.fromData(${source}) else null`));
          };
          if (output !== undefined) {
            reader(
              'The typed output of work that SUCCEEDED, else null; always null for periodic work, which never finishes.',
              'outputOf',
              output,
              (wi) => `workInfo.state == ${wi}.State.SUCCEEDED`,
              'workInfo.outputData',
            );
          }
          if (failure !== undefined) {
            reader(
              'The typed failure output of work that FAILED with one, else null (a thrown error leaves it empty); always null for periodic work.',
              'failureOutputOf',
              failure,
              (wi) => `workInfo.state == ${wi}.State.FAILED && workInfo.outputData.keyValueMap.isNotEmpty()`,
              'workInfo.outputData',
            );
          }
          if (progress !== undefined) {
            reader(
              'The typed progress of running work, or null before the first setProgress.',
              'progressOf',
              progress,
              () => 'workInfo.progress.keyValueMap.isNotEmpty()',
              'workInfo.progress',
            );
          }
        });
      });
    },
  };
}
