import type { Data } from '@workscript/api';
import {
  defaultTraceTag,
  LONG_MAX_VALUE,
  NO_CONSTRAINTS,
  StopReason,
  isFinished,
  type ResolvedConstraints,
  type WorkState,
} from '@workscript/api';
import type BetterSqlite3 from 'better-sqlite3';
import type { WorkQuery } from '../model/work-query.js';
import type { WorkSpec } from '../model/work-spec.js';
import { bytesToTriggers, triggersToBytes } from './content-uri-triggers-converter.js';
import { TypeConverters as C } from './type-converters.js';
import { storedData } from './stored-data.js';
import { idsWithTagsSubquery } from './work-tag-dao.js';
import type { ChangeRecorder } from './changed-work.js';
import { checkWorkSpecRow, type WorkSpecRow } from './work-spec-row.js';

const ENQUEUED = C.stateToInt('ENQUEUED');
const RUNNING = C.stateToInt('RUNNING');
/** The values of one JSON array parameter, for `IN (…)`. */
const JSON_LIST = 'SELECT value FROM json_each(?)';
const FINISHED = `(${['SUCCEEDED', 'FAILED', 'CANCELLED'].map((s) => C.stateToInt(s as WorkState)).join(', ')})`;
const BLOCKED = C.stateToInt('BLOCKED');
const NOT_REQUIRED = C.networkTypeToInt('NOT_REQUIRED');
/**
 * The WHERE term of `index_work_spec_unfinished` (migration 0005), character for character. A query that
 * filters on an unfinished state repeats it, because SQLite uses a partial index only when the query holds
 * its term literally; the scheduler's select also names the index, so a mismatch fails at prepare.
 */
const UNFINISHED = `(state < ${RUNNING + 1} OR state = ${BLOCKED})`;
/** {@link UNFINISHED} of the spec aliased `w` in a join. */
const UNFINISHED_W = UNFINISHED.replaceAll('state', 'w.state');
const COLUMNS = [
  'id',
  'state',
  'worker_name',
  'input_merger',
  'input',
  'output',
  'initial_delay',
  'interval_duration',
  'flex_duration',
  'run_attempt_count',
  'backoff_policy',
  'backoff_delay_duration',
  'backoff_criteria_set',
  'last_enqueue_time',
  'minimum_retention_duration',
  'schedule_requested_at',
  'expedited',
  'out_of_quota_policy',
  'period_count',
  'generation',
  'next_schedule_time_override',
  'next_schedule_time_override_generation',
  'stop_reason',
  'backoff_on_system_interruptions',
  'required_network_type',
  'requires_charging',
  'requires_device_idle',
  'requires_battery_not_low',
  'requires_storage_not_low',
  'trigger_content_update_delay',
  'trigger_max_content_delay',
  'content_uri_triggers',
  'trace_tag',
] as const;

/**
 * "No override" as androidx stores it: the INTEGER Long.MAX_VALUE (spec constants table, §4.4). The JS
 * number for it, 2^63, is one above the int64 range, so SQLite would store it as a REAL.
 */
const STORED_NO_OVERRIDE = 9223372036854775807n;

/** The override as stored: Long.MAX_VALUE as the INTEGER androidx writes, other times as they are. */
const storedOverride = (time: number): number | bigint =>
  time >= LONG_MAX_VALUE ? STORED_NO_OVERRIDE : time;

function toRow(s: WorkSpec): WorkSpecRow {
  return {
    id: s.id,
    state: C.stateToInt(s.state),
    worker_name: s.workerName,
    input_merger: s.inputMerger,
    input: s.input.toByteArray(),
    output: s.output.toByteArray(),
    initial_delay: s.initialDelay,
    interval_duration: s.intervalDuration,
    flex_duration: s.flexDuration,
    run_attempt_count: s.runAttemptCount,
    backoff_policy: C.backoffPolicyToInt(s.backoffPolicy),
    backoff_delay_duration: s.backoffDelayDuration,
    backoff_criteria_set: s.backoffCriteriaSet ? 1 : 0,
    last_enqueue_time: s.lastEnqueueTime,
    minimum_retention_duration: s.minimumRetentionDuration,
    schedule_requested_at: s.scheduleRequestedAt,
    expedited: s.expedited ? 1 : 0,
    out_of_quota_policy: C.outOfQuotaPolicyToInt(s.outOfQuotaPolicy),
    period_count: s.periodCount,
    generation: s.generation,
    next_schedule_time_override: storedOverride(s.nextScheduleTimeOverride),
    next_schedule_time_override_generation: s.nextScheduleTimeOverrideGeneration,
    stop_reason: s.stopReason,
    backoff_on_system_interruptions: s.backOffOnSystemInterruptions ? 1 : 0,
    required_network_type: C.networkTypeToInt(s.constraints.requiredNetworkType),
    requires_charging: s.constraints.requiresCharging ? 1 : 0,
    requires_device_idle: s.constraints.requiresDeviceIdle ? 1 : 0,
    requires_battery_not_low: s.constraints.requiresBatteryNotLow ? 1 : 0,
    requires_storage_not_low: s.constraints.requiresStorageNotLow ? 1 : 0,
    trigger_content_update_delay: s.constraints.contentTriggerUpdateDelayMillis,
    trigger_max_content_delay: s.constraints.contentTriggerMaxDelayMillis,
    content_uri_triggers: triggersToBytes(s.constraints.contentUriTriggers),
    trace_tag: s.traceTag,
  };
}

/**
 * The row's constraints; most work has none, and then they are `NO_CONSTRAINTS` itself, which the api
 * recognises as resolved (so `hasConstraints` on the hot path compares nothing and allocates nothing).
 */
function constraintsOf(r: WorkSpecRow): ResolvedConstraints {
  if (
    r.required_network_type === NOT_REQUIRED &&
    r.requires_charging === 0 &&
    r.requires_battery_not_low === 0 &&
    r.requires_storage_not_low === 0 &&
    r.requires_device_idle === 0 &&
    r.trigger_content_update_delay === -1 &&
    r.trigger_max_content_delay === -1 &&
    r.content_uri_triggers.length === 0
  )
    return NO_CONSTRAINTS;
  return Object.freeze({
    requiredNetworkType: C.intToNetworkType(r.required_network_type),
    requiresCharging: r.requires_charging === 1,
    requiresBatteryNotLow: r.requires_battery_not_low === 1,
    requiresStorageNotLow: r.requires_storage_not_low === 1,
    requiresDeviceIdle: r.requires_device_idle === 1,
    contentUriTriggers: bytesToTriggers(r.content_uri_triggers),
    contentTriggerUpdateDelayMillis: r.trigger_content_update_delay,
    contentTriggerMaxDelayMillis: r.trigger_max_content_delay,
  });
}

/** Rows of `id, state` as ids and WorkStates. */
function idsAndStates(rows: unknown[]): { id: string; state: WorkState }[] {
  return (rows as { id: string; state: number }[]).map((r) => ({ id: r.id, state: C.intToState(r.state) }));
}

/** A row read from the table; it may have been changed by hand, so it is checked first. */
function fromRow(r: WorkSpecRow): WorkSpec {
  checkWorkSpecRow(r);
  return specOf(r);
}

/** The WorkSpec a row holds: one read and checked ({@link fromRow}), or one this DAO wrote itself. */
function specOf(r: WorkSpecRow): WorkSpec {
  return Object.freeze({
    id: r.id,
    state: C.intToState(r.state),
    workerName: r.worker_name,
    inputMerger: r.input_merger,
    input: storedData(r.input, `work_spec.input of work ${r.id}`),
    output: storedData(r.output, `work_spec.output of work ${r.id}`),
    initialDelay: r.initial_delay,
    intervalDuration: r.interval_duration,
    flexDuration: r.flex_duration,
    constraints: constraintsOf(r),
    runAttemptCount: r.run_attempt_count,
    backoffPolicy: C.intToBackoffPolicy(r.backoff_policy),
    backoffDelayDuration: r.backoff_delay_duration,
    backoffCriteriaSet: r.backoff_criteria_set === 1,
    lastEnqueueTime: r.last_enqueue_time,
    minimumRetentionDuration: r.minimum_retention_duration,
    scheduleRequestedAt: r.schedule_requested_at,
    expedited: r.expedited === 1,
    outOfQuotaPolicy: C.intToOutOfQuotaPolicy(r.out_of_quota_policy),
    periodCount: r.period_count,
    generation: r.generation,
    // The INTEGER Long.MAX_VALUE reads back as the JS number 2^63 (older files may hold that as a REAL).
    nextScheduleTimeOverride: Math.min(Number(r.next_schedule_time_override), LONG_MAX_VALUE),
    nextScheduleTimeOverrideGeneration: r.next_schedule_time_override_generation,
    stopReason: r.stop_reason,
    backOffOnSystemInterruptions: r.backoff_on_system_interruptions === 1,
    // Rows from before migration 0008 have none: the worker's name, as androidx derives it.
    traceTag: r.trace_tag ?? defaultTraceTag(r.worker_name),
  });
}

/**
 * How many rows {@link WorkSpecDao} remembers from its own inserts for the scheduler pass. Enough for a
 * burst of enqueues waiting to start; work that stays ENQUEUED longer (delays, constraints) falls out and
 * is read from the table again.
 */
const INSERTED_ROWS_KEPT = 1024;

/**
 * What an enqueue wrote beside a new spec's row, given to {@link WorkSpecDao.insert} so that the attempt
 * started from that row needs no reads of `work_tag` and `dependency` (~3 µs each per start, measured).
 */
export interface InsertedWork {
  /** Every tag of the work (the implicit one included), in `sortTags` order. */
  readonly tags: readonly string[];
  /** False when the work has no prerequisites: it never will (edges are only written with the work). */
  readonly hasPrerequisites: boolean;
}

/**
 * The `work_spec` table (androidx `WorkSpecDao`). Every method is one parameterised statement, except the
 * scheduler selects, which may serve rows from {@link WorkSpecDao.insert}'s memory (see `#inserted`).
 */
export class WorkSpecDao {
  readonly #db: BetterSqlite3.Database;
  /** {@link WorkSpecDao.queryIds}' statements by their SQL. */
  readonly #queries = new Map<string, BetterSqlite3.Statement>();
  readonly #s;
  /**
   * Rows this DAO inserted and nothing has changed since, by id (oldest first). The scheduler pass after
   * an enqueue reads the row just written: materialising a 29-column row with two blobs costs ~8 µs, a
   * select of the ids ~1.5 µs (measured), so the pass selects ids and takes the rows from here when it has
   * them all. Every write to a row by id forgets that row; writes to many rows, and rollbacks, forget
   * everything, so a row served from here is always the committed (or this transaction's) row. This
   * assumes the runtime's connection is the only writer of the file, as everywhere else in the runtime.
   */
  /**
   * Ids this DAO set RUNNING ({@link trySetRunning}) and nothing has written since, under the same rules as
   * `#inserted`: the result of an attempt asks for the state before writing it (~3 µs a read, measured).
   * Bounded by the attempts running at once: each ends with a write to its row.
   */
  readonly #running = new Set<string>();
  readonly #inserted = new Map<string, { row: WorkSpecRow; work: InsertedWork | undefined }>();
  /**
   * Scheduler selects, one statement per LIMIT value. The limit is inlined, not bound: a bound `LIMIT ?`
   * made SQLite re-prepare the statement on every call (~25 µs, measured), and these run twice per item.
   */
  readonly #eligible = new Map<string, { rows: BetterSqlite3.Statement; ids: BetterSqlite3.Statement }>();

  readonly #changes: ChangeRecorder;

  /** @internal The database builds its DAOs. */
  constructor(db: BetterSqlite3.Database, changes: ChangeRecorder) {
    this.#db = db;
    this.#changes = changes;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      insert: p(
        `INSERT INTO work_spec (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
      ),
      update: p(
        `UPDATE work_spec SET ${COLUMNS.filter((c) => c !== 'id')
          .map((c) => `${c} = @${c}`)
          .join(', ')} WHERE id = @id`,
      ),
      delete: p('DELETE FROM work_spec WHERE id = ?'),
      get: p('SELECT * FROM work_spec WHERE id = ?'),
      getState: p('SELECT state FROM work_spec WHERE id = ?').pluck(),
      setState: p('UPDATE work_spec SET state = ? WHERE id = ?'),
      setCancelled: p(
        `UPDATE work_spec SET stop_reason = CASE WHEN state = ${RUNNING} THEN ${StopReason.CANCELLED_BY_APP} ELSE ${StopReason.NOT_STOPPED} END, state = ${C.stateToInt('CANCELLED')} WHERE id = ?`,
      ),
      trySetRunning: p(
        `UPDATE work_spec SET state = ${RUNNING}, run_attempt_count = run_attempt_count + 1, stop_reason = ${StopReason.NOT_STOPPED} WHERE id = ? AND state = ${ENQUEUED}`,
      ),
      setOutput: p('UPDATE work_spec SET output = ? WHERE id = ?'),
      setStateAndOutput: p('UPDATE work_spec SET state = ?, output = ? WHERE id = ?'),
      setLastEnqueueTime: p('UPDATE work_spec SET last_enqueue_time = ? WHERE id = ?'),
      setStopReason: p('UPDATE work_spec SET stop_reason = ? WHERE id = ?'),
      markScheduled: p('UPDATE work_spec SET schedule_requested_at = ? WHERE id = ?'),
      resetRunAttemptCount: p('UPDATE work_spec SET run_attempt_count = 0 WHERE id = ?'),
      incrementPeriodCount: p('UPDATE work_spec SET period_count = period_count + 1 WHERE id = ?'),
      setOverride: p('UPDATE work_spec SET next_schedule_time_override = ? WHERE id = ?'),
      resetOverride: p(
        `UPDATE work_spec SET next_schedule_time_override = ${STORED_NO_OVERRIDE} WHERE id = ? AND next_schedule_time_override_generation = ?`,
      ),
      resetUnfinishedScheduled: p(`UPDATE work_spec SET schedule_requested_at = -1 WHERE ${UNFINISHED}`),
      resetRunning: p(
        `UPDATE work_spec SET state = ${ENQUEUED}, stop_reason = ${StopReason.UNKNOWN}, schedule_requested_at = -1 WHERE ${UNFINISHED} AND state = ${RUNNING}`,
      ),
      // Trigger work holds no limited slot (androidx: it goes to JobScheduler at once, outside the limit).
      countScheduled: p(
        `SELECT COUNT(*) FROM work_spec WHERE schedule_requested_at <> -1 AND ${UNFINISHED} AND LENGTH(content_uri_triggers) = 0`,
      ).pluck(),
      countUnfinishedTriggerWork: p(
        `SELECT COUNT(*) FROM work_spec WHERE ${UNFINISHED} AND LENGTH(content_uri_triggers) <> 0`,
      ).pluck(),
      idsAndStatesForName: p(
        'SELECT w.id, w.state FROM work_spec w JOIN work_name n ON n.work_spec_id = w.id WHERE n.name = ? ORDER BY w.rowid',
      ),
      leavesForName: p(
        'SELECT w.id, w.state FROM work_spec w JOIN work_name n ON n.work_spec_id = w.id WHERE n.name = ? AND NOT EXISTS (SELECT 1 FROM dependency d WHERE d.prerequisite_id = w.id) ORDER BY w.rowid',
      ),
      unfinishedIds: p(`SELECT id FROM work_spec WHERE ${UNFINISHED} ORDER BY rowid`).pluck(),
      unfinishedIdsForTag: p(
        `SELECT id FROM work_spec WHERE id IN (${idsWithTagsSubquery()}) AND ${UNFINISHED} ORDER BY rowid`,
      ).pluck(),
      unfinishedIdsForName: p(
        `SELECT w.id FROM work_spec w JOIN work_name n ON n.work_spec_id = w.id WHERE n.name = ? AND ${UNFINISHED_W} ORDER BY w.rowid`,
      ).pluck(),
      hasUnfinishedWork: p(`SELECT EXISTS (SELECT 1 FROM work_spec WHERE ${UNFINISHED})`).pluck(),
      prune: p(
        `DELETE FROM work_spec WHERE state IN ${FINISHED} AND NOT EXISTS (SELECT 1 FROM dependency d JOIN work_spec w ON w.id = d.work_spec_id WHERE d.prerequisite_id = work_spec.id AND ${UNFINISHED_W})`,
      ),
      pruneExpired: p(
        `DELETE FROM work_spec WHERE state IN ${FINISHED} AND last_enqueue_time + minimum_retention_duration < ? AND NOT EXISTS (SELECT 1 FROM dependency d JOIN work_spec w ON w.id = d.work_spec_id WHERE d.prerequisite_id = work_spec.id AND ${UNFINISHED_W})`,
      ),
    };
  }

  /**
   * Inserts a new spec. `work` describes the tags and dependency edges the caller writes for it in the
   * same transaction (tags and edges of a spec are only ever written with it, or after {@link update}).
   */
  insert(spec: WorkSpec, work?: InsertedWork): void {
    const row = toRow(spec);
    this.#wrote(row.id, this.#s.insert.run(row));
    // Its implicit tag: a query by the worker's name gains a member.
    this.#changes.tag(row.worker_name);
    const kept = this.#inserted;
    kept.set(row.id, { row, work });
    if (kept.size > INSERTED_ROWS_KEPT) for (const id of kept.keys()) if (kept.delete(id)) break;
  }
  /**
   * The tags and prerequisites given to {@link insert} for `id`, while its row is unchanged since (the
   * same rules as the scheduler selects' memory); undefined otherwise: read `work_tag` and `dependency`.
   */
  insertedWork(id: string): InsertedWork | undefined {
    return this.#inserted.get(id)?.work;
  }
  /** Forgets every remembered insert and RUNNING mark: after a rollback, or a write that may touch any row. */
  forgetInserted(): void {
    this.#inserted.clear();
    this.#running.clear();
  }
  /**
   * After a write to the row of `id`: forgets what this DAO remembered of it (see `#inserted`) and reports the
   * write (see `ChangeRecorder`). Returns the rows it changed.
   */
  #wrote(id: string, result: BetterSqlite3.RunResult): number {
    this.#forget(id);
    this.#changes.work(id, result.changes);
    return result.changes;
  }
  /** {@link WorkSpecDao.#wrote} for a write to rows it cannot name: forgets every row. */
  #wroteMany(result: BetterSqlite3.RunResult): number {
    this.forgetInserted();
    this.#changes.many(result.changes);
    return result.changes;
  }
  #forget(id: string): void {
    this.#inserted.delete(id);
    this.#running.delete(id);
  }
  /** Replaces every column of an existing spec (updateWork). */
  update(spec: WorkSpec): void {
    this.#wrote(spec.id, this.#s.update.run(toRow(spec)));
    this.#changes.tag(spec.workerName);
  }
  /** Deletes a spec; tags, names, dependencies and progress go with it (ON DELETE CASCADE). */
  delete(id: string): void {
    // Its tags, names, edges and progress go by cascade: SQLite counts those rows, the report does not, so
    // watchers are told that anything may have changed.
    this.#wrote(id, this.#s.delete.run(id));
  }
  /** The spec, or null. */
  get(id: string): WorkSpec | null {
    const row = this.#s.get.get(id) as WorkSpecRow | undefined;
    return row ? fromRow(row) : null;
  }
  /** The state, or null when the spec does not exist. */
  getState(id: string): WorkState | null {
    if (this.#running.has(id)) return 'RUNNING';
    const n = this.#s.getState.get(id) as number | undefined;
    return n === undefined ? null : C.intToState(n);
  }
  /** Sets the state. */
  setState(id: string, state: WorkState): void {
    this.#wrote(id, this.#s.setState.run(C.stateToInt(state), id));
  }
  /** CANCELLED, with stop reason CANCELLED_BY_APP if it was RUNNING, else NOT_STOPPED (androidx `setCancelledState`). */
  setCancelledState(id: string): void {
    this.#wrote(id, this.#s.setCancelled.run(id));
  }
  /** ENQUEUED → RUNNING, attempt count + 1, stop reason cleared. False when the spec was not ENQUEUED. */
  trySetRunning(id: string): boolean {
    const started = this.#wrote(id, this.#s.trySetRunning.run(id)) === 1;
    if (started) this.#running.add(id);
    return started;
  }
  /** Sets the state and stores output Data in one statement (a finished attempt). */
  setStateAndOutput(id: string, state: WorkState, output: Data): void {
    this.#wrote(id, this.#s.setStateAndOutput.run(C.stateToInt(state), output.toByteArray(), id));
  }
  /** Stores output Data. */
  setOutput(id: string, output: Data): void {
    this.#wrote(id, this.#s.setOutput.run(output.toByteArray(), id));
  }
  /** Sets `lastEnqueueTime`. */
  setLastEnqueueTime(id: string, time: number): void {
    this.#wrote(id, this.#s.setLastEnqueueTime.run(time, id));
  }
  /** Sets the stop reason. */
  setStopReason(id: string, reason: number): void {
    this.#wrote(id, this.#s.setStopReason.run(reason, id));
  }
  /** Sets `scheduleRequestedAt` (−1 = not scheduled). */
  markScheduled(id: string, time: number): void {
    this.#wrote(id, this.#s.markScheduled.run(time, id));
  }
  /** Attempt count back to 0 (periodic work after a period). */
  resetRunAttemptCount(id: string): void {
    this.#wrote(id, this.#s.resetRunAttemptCount.run(id));
  }
  /** `periodCount + 1`. */
  incrementPeriodCount(id: string): void {
    this.#wrote(id, this.#s.incrementPeriodCount.run(id));
  }
  /** Sets the next-schedule-time override. */
  setNextScheduleTimeOverride(id: string, time: number): void {
    this.#wrote(id, this.#s.setOverride.run(storedOverride(time), id));
  }
  /** Clears the override unless an update changed it since `overrideGeneration` was read. */
  resetNextScheduleTimeOverride(id: string, overrideGeneration: number): void {
    this.#wrote(id, this.#s.resetOverride.run(id, overrideGeneration));
  }
  /** Every unfinished spec back to "not scheduled" (at start, in-process schedulers have lost their state). */
  resetScheduledState(): number {
    return this.#wroteMany(this.#s.resetUnfinishedScheduled.run());
  }
  /** RUNNING → ENQUEUED with stop reason UNKNOWN and unscheduled (ForceStopRunnable). Returns the count. */
  resetRunningWork(): number {
    return this.#wroteMany(this.#s.resetRunning.run());
  }
  /** Unfinished specs a limited-slot scheduler already holds. */
  countScheduledWork(): number {
    return this.#s.countScheduled.get() as number;
  }
  /** Unfinished work with content-URI triggers (androidx `countNonFinishedContentUriTriggerWorkers`). */
  countNonFinishedContentUriTriggerWorkers(): number {
    return this.#s.countUnfinishedTriggerWork.get() as number;
  }
  /**
   * ENQUEUED work with content-URI triggers not yet scheduled, oldest enqueue first, all of it (androidx
   * `getEligibleWorkForSchedulingWithContentUris`: such work never waits for a limited slot).
   */
  getEligibleWorkForSchedulingWithContentUris(): WorkSpec[] {
    return this.#selectEligible(
      'AND schedule_requested_at = -1 AND LENGTH(content_uri_triggers) <> 0',
      2 ** 31 - 1,
    );
  }
  /**
   * ENQUEUED, not yet scheduled, oldest enqueue first, without content-URI triggers (androidx marks those
   * scheduled just before this select, so it never sees them either).
   */
  getEligibleWorkForScheduling(limit: number): WorkSpec[] {
    return this.#selectEligible('AND schedule_requested_at = -1 AND LENGTH(content_uri_triggers) = 0', limit);
  }
  /** ENQUEUED, oldest enqueue first (for unlimited schedulers). */
  getAllEligibleWorkForScheduling(limit: number): WorkSpec[] {
    return this.#selectEligible('', limit);
  }
  /**
   * ENQUEUED expedited work, oldest enqueue first; `unscheduledOnly` for limited-slot schedulers. Pinned to
   * the partial index of migration 0003: without statistics SQLite may prefer the state index, which walks
   * every ENQUEUED row to find the few expedited ones.
   */
  getEligibleExpeditedWork(limit: number, unscheduledOnly: boolean): WorkSpec[] {
    return this.#selectEligible(
      unscheduledOnly ? 'AND expedited = 1 AND schedule_requested_at = -1' : 'AND expedited = 1',
      limit,
      'INDEXED BY index_work_spec_expedited_enqueued',
    );
  }
  #selectEligible(
    filter: string,
    limit: number,
    indexedBy = 'INDEXED BY index_work_spec_unfinished',
  ): WorkSpec[] {
    const n = Math.max(0, Math.trunc(limit));
    if (n === 0) return [];
    const key = `${filter}|${n}`;
    let statements = this.#eligible.get(key);
    if (statements === undefined) {
      const from = `FROM work_spec ${indexedBy} WHERE ${UNFINISHED} AND state = ${ENQUEUED} ${filter} ORDER BY last_enqueue_time LIMIT ${n}`;
      statements = {
        rows: this.#db.prepare(`SELECT * ${from}`),
        ids: this.#db.prepare(`SELECT id ${from}`).pluck(),
      };
      this.#eligible.set(key, statements);
    }
    const ids = statements.ids.all() as string[];
    const specs: WorkSpec[] = [];
    for (const id of ids) {
      const kept = this.#inserted.get(id);
      // One row this DAO did not insert (or has changed since): read them all, in the same order.
      if (kept === undefined) return (statements.rows.all() as WorkSpecRow[]).map(fromRow);
      specs.push(specOf(kept.row));
    }
    return specs;
  }
  /** Ids and states of the specs linked to a unique name, in insertion order. */
  getWorkSpecIdAndStatesForName(name: string): { id: string; state: WorkState }[] {
    return idsAndStates(this.#s.idsAndStatesForName.all(name));
  }
  /**
   * Ids and states of the specs linked to a unique name that no work depends on (the leaves an APPEND
   * chains onto), in insertion order. One statement rather than one per member; its cost still grows with the
   * members a name holds until they are pruned (at 5,000: ~5.9 ms an APPEND, against ~7.2 asking per member).
   */
  getLeavesForName(name: string): { id: string; state: WorkState }[] {
    return idsAndStates(this.#s.leavesForName.all(name));
  }
  /** Every unfinished id. */
  getUnfinishedIds(): string[] {
    return this.#s.unfinishedIds.all() as string[];
  }
  /** Unfinished ids carrying a tag. */
  getUnfinishedIdsForTag(tag: string): string[] {
    return this.#s.unfinishedIdsForTag.all(tag, tag) as string[];
  }
  /** Unfinished ids linked to a name. */
  getUnfinishedIdsForName(name: string): string[] {
    return this.#s.unfinishedIdsForName.all(name) as string[];
  }
  /** True if any spec is unfinished. */
  hasUnfinishedWork(): boolean {
    return this.#s.hasUnfinishedWork.get() === 1;
  }
  /** Deletes finished specs without unfinished dependents (`pruneWork`). Returns the count. */
  pruneFinishedWork(): number {
    return this.#wroteMany(this.#s.prune.run());
  }
  /** Deletes finished specs whose `lastEnqueueTime + retention` is before `threshold` (auto-prune at open). */
  pruneExpiredFinishedWork(threshold: number): number {
    return this.#wroteMany(this.#s.pruneExpired.run(threshold));
  }
  /**
   * Ids matching a {@link WorkQuery}: OR inside a list, AND across lists (androidx `RawQueries`). Each list is
   * bound as one JSON array, so a list of any length is one parameter (SQLite allows 32,766), and there is
   * one statement per query shape (at most 16), prepared once.
   */
  queryIds(query: WorkQuery): string[] {
    const where: string[] = [];
    const args: string[] = [];
    const list = (values: readonly (string | number)[]) => {
      args.push(JSON.stringify(values));
      return JSON_LIST;
    };
    if (query.states?.length) {
      where.push(`state IN (${list(query.states.map((s) => C.stateToInt(s)))})`);
      if (query.states.every((s) => !isFinished(s))) where.push(UNFINISHED);
    }
    if (query.ids?.length) where.push(`id IN (${list(query.ids)})`);
    if (query.tags?.length) {
      where.push(`id IN (${idsWithTagsSubquery(list(query.tags))})`);
      args.push(JSON.stringify(query.tags));
    }
    if (query.uniqueWorkNames?.length)
      where.push(`id IN (SELECT work_spec_id FROM work_name WHERE name IN (${list(query.uniqueWorkNames)}))`);
    const sql = `SELECT id FROM work_spec${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`;
    let statement = this.#queries.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql).pluck();
      this.#queries.set(sql, statement);
    }
    return statement.all(...args) as string[];
  }
}
