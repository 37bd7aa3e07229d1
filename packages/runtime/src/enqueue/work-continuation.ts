import {
  InvalidWorkRequestError,
  type ExistingWorkPolicy,
  type OneTimeWorkRequest,
  type WorkRequest,
} from '@workscript/api';
import { checkIsWorkRequest } from '../model/check-work-request.js';
import { idsOfAncestry } from './continuation-graph.js';
import type { WorkInfo } from '../model/work-info.js';

/** Runs continuation operations; implemented by the WorkManager. */
export interface ContinuationHost {
  /** Enqueues the continuation and its not-yet-enqueued parents. */
  enqueueContinuation(continuation: WorkContinuation): Promise<void>;
  /** WorkInfos for the given ids (missing ones skipped). */
  getWorkInfosForIds(ids: readonly string[]): Promise<WorkInfo[]>;
}

/**
 * A chain of work (androidx `WorkContinuation`): `beginWith(a).then(b).then([c, d]).enqueue()`. Each
 * `then` returns a new continuation whose work depends on **all** work of this one. Continuations are
 * plain descriptions until `enqueue()`; enqueueing the same continuation twice is a no-op.
 */
export class WorkContinuation {
  /** Unique name, when begun with `beginUniqueWork`. */
  readonly name: string | undefined;
  /** Policy for the unique name (applied only at the root). */
  readonly policy: ExistingWorkPolicy | 'UPDATE';
  /** The requests of this step. */
  readonly requests: readonly WorkRequest[];
  /** Continuations this one depends on. */
  readonly parents: readonly WorkContinuation[];
  readonly #host: ContinuationHost;
  #enqueued = false;

  /** @internal Created by `WorkManager.beginWith` / `beginUniqueWork` / `combine`. */
  constructor(
    host: ContinuationHost,
    requests: readonly WorkRequest[],
    options: {
      name?: string | undefined;
      policy?: ExistingWorkPolicy | 'UPDATE';
      parents?: readonly WorkContinuation[];
    } = {},
  ) {
    this.#host = host;
    this.requests = Object.freeze([...requests]);
    this.name = options.name;
    this.policy = options.policy ?? 'KEEP';
    this.parents = Object.freeze([...(options.parents ?? [])]);
  }

  /** Ids of this step's work. */
  get ids(): string[] {
    return this.requests.map((r) => r.id);
  }

  /** True once enqueued. */
  get isEnqueued(): boolean {
    return this.#enqueued;
  }

  /** @internal Whether `host` made this continuation (combine refuses another WorkManager's). */
  isFrom(host: ContinuationHost): boolean {
    return this.#host === host;
  }

  /** @internal Marks this continuation as enqueued. */
  markEnqueued(): void {
    this.#enqueued = true;
  }

  /**
   * Work that runs after all of this continuation's work succeeded. An empty list returns this
   * continuation unchanged (androidx does the same). Children of a unique continuation share its name.
   * @throws InvalidWorkRequestError (synchronously) for periodic work: it cannot be chained.
   */
  then(requests: OneTimeWorkRequest | readonly OneTimeWorkRequest[]): WorkContinuation {
    const list = Array.isArray(requests)
      ? (requests as readonly OneTimeWorkRequest[])
      : [requests as OneTimeWorkRequest];
    if (list.length === 0) return this;
    list.forEach((r, i) => checkIsWorkRequest(r, Array.isArray(requests) ? `requests[${i}]` : 'requests'));
    // Spec §4.1: androidx's then() takes OneTimeWorkRequests only (its types forbid periodic work); from
    // untyped JS a periodic request would otherwise be stored BLOCKED behind one-time work.
    if (list.some((r) => (r as WorkRequest).kind !== 'one-time'))
      throw new InvalidWorkRequestError(
        'requests',
        'then takes OneTimeWorkRequests only; periodic work cannot be chained (use enqueueUniquePeriodicWork)',
      );
    return new WorkContinuation(this.#host, list, { name: this.name, policy: 'KEEP', parents: [this] });
  }

  /** Enqueues this continuation (and its parents first). Resolves once committed. */
  enqueue(): Promise<void> {
    return this.#host.enqueueContinuation(this);
  }

  /** WorkInfos of this continuation's work and all its ancestors'. */
  getWorkInfos(): Promise<WorkInfo[]> {
    return this.#host.getWorkInfosForIds(idsOfAncestry(this));
  }
}
