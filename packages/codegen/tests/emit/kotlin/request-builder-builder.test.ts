import { describe, expect, it } from 'vitest';
import { createKotlinWriter } from '../../../src/emit/kotlin/kotlin-writer.js';
import { createRequestBuilderBuilder } from '../../../src/emit/kotlin/request-builder-builder.js';
import { createSymbolTable } from '../../../src/emit/kotlin/symbol-table.js';
import type { InputMergerLayout, WorkerLayout } from '../../../src/layout/kotlin-layout.js';
import type { WorkerModel } from '../../../src/model/project-model.js';
import { at, opt, workerModel } from '../../helpers/model-fixtures.js';

const layout: WorkerLayout = {
  workerName: 'W',
  fileName: 'WWorker',
  workerClass: 'WWorker',
  requestsObject: 'WRequests',
  input: undefined,
  output: undefined,
  failureOutput: undefined,
  progress: undefined,
};

function emit(worker: WorkerModel, inputMergers: readonly InputMergerLayout[] = []): string {
  const symbols = createSymbolTable();
  symbols.declare('WWorker', 'WWorker');
  for (const m of inputMergers) symbols.declare(m.className, m.fileName);
  const builder = createRequestBuilderBuilder(worker, layout, 'WWorker', inputMergers);
  builder.prepare(symbols);
  const w = createKotlinWriter('p', 'W in w.ts');
  builder.build(w, symbols);
  return w.render().split('\n').slice(5).join('\n');
}

describe('RequestBuilderBuilder', () => {
  it('carries literal defaults, skips a half-dynamic backoff, and has no periodic factory for expedited work', () => {
    const worker = workerModel({
      defaults: [
        { path: 'backoff.delayMs', dynamic: 'delay', span: at(3) },
        opt('backoff.policy', 'LINEAR'),
        opt('constraints.requiresStorageNotLow', true),
        opt('expedited', 'DROP_WORK_REQUEST'),
        opt('keepResultsForAtLeastMs', 60_000),
        opt('tags', ['a', 'b"$']),
      ],
    });
    expect(emit(worker)).toBe(`import androidx.work.Constraints
import androidx.work.OneTimeWorkRequest
import androidx.work.OutOfQuotaPolicy
import java.util.concurrent.TimeUnit

/** Typed work requests for [WWorker] with the defaults of its TypeScript definition. */
object WRequests {
    /** A one-time request with the definition's defaults; [configure] runs last and may override any of them. */
    fun oneTime(configure: OneTimeWorkRequest.Builder.() -> Unit = {}): OneTimeWorkRequest {
        val builder = OneTimeWorkRequest.Builder(WWorker::class.java)
        builder.setConstraints(
            Constraints.Builder()
                .setRequiresStorageNotLow(true)
                .build(),
        )
        builder.addTag("a")
        builder.addTag("b\\"\\$")
        builder.keepResultsForAtLeast(60000L, TimeUnit.MILLISECONDS)
        builder.setExpedited(OutOfQuotaPolicy.DROP_WORK_REQUEST)
        builder.configure()
        return builder.build()
    }
}
`);
  });

  it('carries content-URI triggers once each, escaped, and the trigger delays that are not -1', () => {
    const media = { uri: 'content://media/external/images/media', isTriggeredForDescendants: true };
    const worker = workerModel({
      defaults: [
        opt('constraints.contentTriggerMaxDelayMillis', -1),
        opt('constraints.contentTriggerUpdateDelayMillis', 0),
        opt('constraints.contentUriTriggers', [
          media,
          { uri: 'content://com.example.notes/n?q="$x"\\y', isTriggeredForDescendants: false },
          media,
          { ...media, isTriggeredForDescendants: false },
        ]),
      ],
    });
    expect(emit(worker)).toBe(`import android.net.Uri
import android.os.Build
import androidx.work.Constraints
import androidx.work.OneTimeWorkRequest
import androidx.work.PeriodicWorkRequest
import java.util.concurrent.TimeUnit

/** Typed work requests for [WWorker] with the defaults of its TypeScript definition. */
object WRequests {
    /** A one-time request with the definition's defaults; [configure] runs last and may override any of them. */
    fun oneTime(configure: OneTimeWorkRequest.Builder.() -> Unit = {}): OneTimeWorkRequest {
        val builder = OneTimeWorkRequest.Builder(WWorker::class.java)
        builder.setConstraints(
            Constraints.Builder()
                .apply {
                    if (Build.VERSION.SDK_INT >= 24) {
                        addContentUriTrigger(Uri.parse("content://media/external/images/media"), true)
                        addContentUriTrigger(Uri.parse("content://com.example.notes/n?q=\\"\\$x\\"\\\\y"), false)
                        addContentUriTrigger(Uri.parse("content://media/external/images/media"), false)
                        setTriggerContentUpdateDelay(0L, TimeUnit.MILLISECONDS)
                    }
                }
                .build(),
        )
        builder.configure()
        return builder.build()
    }

    /**
     * A periodic request with the definition's defaults. The flex window defaults to the whole interval, as
     * in WorkManager; [configure] runs last and may override any default.
     */
    fun periodic(
        repeatIntervalMs: Long,
        flexIntervalMs: Long = repeatIntervalMs,
        configure: PeriodicWorkRequest.Builder.() -> Unit = {},
    ): PeriodicWorkRequest {
        val builder = PeriodicWorkRequest.Builder(
            WWorker::class.java,
            repeatIntervalMs,
            TimeUnit.MILLISECONDS,
            flexIntervalMs,
            TimeUnit.MILLISECONDS,
        )
        builder.setConstraints(
            Constraints.Builder()
                .apply {
                    if (Build.VERSION.SDK_INT >= 24) {
                        addContentUriTrigger(Uri.parse("content://media/external/images/media"), true)
                        addContentUriTrigger(Uri.parse("content://com.example.notes/n?q=\\"\\$x\\"\\\\y"), false)
                        addContentUriTrigger(Uri.parse("content://media/external/images/media"), false)
                        setTriggerContentUpdateDelay(0L, TimeUnit.MILLISECONDS)
                    }
                }
                .build(),
        )
        builder.configure()
        return builder.build()
    }
}
`);
  });

  it('emits no constraints for trigger delays of -1 alone', () => {
    const worker = workerModel({
      defaults: [
        opt('constraints.contentTriggerMaxDelayMillis', -1),
        opt('constraints.contentTriggerUpdateDelayMillis', -1),
        opt('constraints.contentUriTriggers', []),
        opt('expedited', 'DROP_WORK_REQUEST'),
      ],
    });
    expect(emit(worker)).toBe(`import androidx.work.OneTimeWorkRequest
import androidx.work.OutOfQuotaPolicy

/** Typed work requests for [WWorker] with the defaults of its TypeScript definition. */
object WRequests {
    /** A one-time request with the definition's defaults; [configure] runs last and may override any of them. */
    fun oneTime(configure: OneTimeWorkRequest.Builder.() -> Unit = {}): OneTimeWorkRequest {
        val builder = OneTimeWorkRequest.Builder(WWorker::class.java)
        builder.setExpedited(OutOfQuotaPolicy.DROP_WORK_REQUEST)
        builder.configure()
        return builder.build()
    }
}
`);
  });

  it('sets the trace tag in both factories, escaped and cut to the 127 characters WorkManager keeps', () => {
    // 131 characters: the cut keeps the quote, dollar and backslash at 125–127 and drops 'tail'.
    const tag = `${'t'.repeat(124)}"$\\tail`;
    const worker = workerModel({ defaults: [opt('tags', ['sync']), opt('traceTag', tag)] });
    expect(emit(worker)).toBe(`import androidx.work.OneTimeWorkRequest
import androidx.work.PeriodicWorkRequest
import java.util.concurrent.TimeUnit

/** Typed work requests for [WWorker] with the defaults of its TypeScript definition. */
object WRequests {
    /** A one-time request with the definition's defaults; [configure] runs last and may override any of them. */
    fun oneTime(configure: OneTimeWorkRequest.Builder.() -> Unit = {}): OneTimeWorkRequest {
        val builder = OneTimeWorkRequest.Builder(WWorker::class.java)
        builder.addTag("sync")
        builder.setTraceTag("${'t'.repeat(124)}\\"\\$\\\\")
        builder.configure()
        return builder.build()
    }

    /**
     * A periodic request with the definition's defaults. The flex window defaults to the whole interval, as
     * in WorkManager; [configure] runs last and may override any default.
     */
    fun periodic(
        repeatIntervalMs: Long,
        flexIntervalMs: Long = repeatIntervalMs,
        configure: PeriodicWorkRequest.Builder.() -> Unit = {},
    ): PeriodicWorkRequest {
        val builder = PeriodicWorkRequest.Builder(
            WWorker::class.java,
            repeatIntervalMs,
            TimeUnit.MILLISECONDS,
            flexIntervalMs,
            TimeUnit.MILLISECONDS,
        )
        builder.addTag("sync")
        builder.setTraceTag("${'t'.repeat(124)}\\"\\$\\\\")
        builder.configure()
        return builder.build()
    }
}
`);
  });

  it('emits no setTraceTag without a literal trace tag: WorkManager then names the span after the class', () => {
    const dynamicTag = workerModel({
      defaults: [
        { path: 'traceTag', dynamic: 'spanName()', span: at(3) },
        opt('expedited', 'DROP_WORK_REQUEST'),
      ],
    });
    expect(emit(dynamicTag)).toBe(`import androidx.work.OneTimeWorkRequest
import androidx.work.OutOfQuotaPolicy

/** Typed work requests for [WWorker] with the defaults of its TypeScript definition. */
object WRequests {
    /** A one-time request with the definition's defaults; [configure] runs last and may override any of them. */
    fun oneTime(configure: OneTimeWorkRequest.Builder.() -> Unit = {}): OneTimeWorkRequest {
        val builder = OneTimeWorkRequest.Builder(WWorker::class.java)
        builder.setExpedited(OutOfQuotaPolicy.DROP_WORK_REQUEST)
        builder.configure()
        return builder.build()
    }
}
`);
  });

  it('sets a custom input merger by its generated class in the one-time factory only (periodic work has none)', () => {
    const worker = workerModel({
      defaults: [{ path: 'inputMerger', inputMerger: 'SumCounts', span: at(5) }],
    });
    const mergers = [{ mergerName: 'SumCounts', fileName: 'SumCounts', className: 'SumCounts' }];
    expect(emit(worker, mergers)).toBe(`import androidx.work.OneTimeWorkRequest
import androidx.work.PeriodicWorkRequest
import java.util.concurrent.TimeUnit

/** Typed work requests for [WWorker] with the defaults of its TypeScript definition. */
object WRequests {
    /** A one-time request with the definition's defaults; [configure] runs last and may override any of them. */
    fun oneTime(configure: OneTimeWorkRequest.Builder.() -> Unit = {}): OneTimeWorkRequest {
        val builder = OneTimeWorkRequest.Builder(WWorker::class.java)
        builder.setInputMerger(SumCounts::class.java)
        builder.configure()
        return builder.build()
    }

    /**
     * A periodic request with the definition's defaults. The flex window defaults to the whole interval, as
     * in WorkManager; [configure] runs last and may override any default.
     */
    fun periodic(
        repeatIntervalMs: Long,
        flexIntervalMs: Long = repeatIntervalMs,
        configure: PeriodicWorkRequest.Builder.() -> Unit = {},
    ): PeriodicWorkRequest {
        val builder = PeriodicWorkRequest.Builder(
            WWorker::class.java,
            repeatIntervalMs,
            TimeUnit.MILLISECONDS,
            flexIntervalMs,
            TimeUnit.MILLISECONDS,
        )
        builder.configure()
        return builder.build()
    }
}
`);
  });
});
