import type BetterSqlite3 from 'better-sqlite3';
import type { ChangeRecorder } from './changed-work.js';
import type { Data } from '@workscript/api';
import { TypeConverters as C } from './type-converters.js';
import { storedData } from './stored-data.js';

const SUCCEEDED = C.stateToInt('SUCCEEDED');

/** The `dependency` table: edges (work, prerequisite) (androidx `DependencyDao`). */
export class DependencyDao {
  readonly #s;
  readonly #changes: ChangeRecorder;

  constructor(db: BetterSqlite3.Database, changes: ChangeRecorder) {
    this.#changes = changes;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      insert: p('INSERT OR IGNORE INTO dependency (work_spec_id, prerequisite_id) VALUES (?, ?)'),
      // Deleted prerequisites no longer count: only existing, non-SUCCEEDED prerequisites block.
      hasCompletedAll: p(
        `SELECT COUNT(*) = 0 FROM dependency d JOIN work_spec w ON w.id = d.prerequisite_id WHERE d.work_spec_id = ? AND w.state <> ${SUCCEEDED}`,
      ).pluck(),
      prerequisites: p(
        'SELECT prerequisite_id FROM dependency WHERE work_spec_id = ? ORDER BY rowid',
      ).pluck(),
      dependents: p('SELECT work_spec_id FROM dependency WHERE prerequisite_id = ? ORDER BY rowid').pluck(),
      inputs: p(
        'SELECT w.output FROM dependency d JOIN work_spec w ON w.id = d.prerequisite_id WHERE d.work_spec_id = ? ORDER BY d.rowid',
      ).pluck(),
    };
  }

  /** Adds an edge: `workSpecId` waits for `prerequisiteId`. */
  insert(workSpecId: string, prerequisiteId: string): void {
    this.#changes.other(this.#s.insert.run(workSpecId, prerequisiteId).changes);
  }
  /** True when no remaining prerequisite is in a state other than SUCCEEDED. */
  hasCompletedAllPrerequisites(workSpecId: string): boolean {
    return this.#s.hasCompletedAll.get(workSpecId) === 1;
  }
  /** Direct prerequisites, in insertion order. */
  getPrerequisites(workSpecId: string): string[] {
    return this.#s.prerequisites.all(workSpecId) as string[];
  }
  /** Direct dependents, in insertion order. */
  getDependentWorkIds(id: string): string[] {
    return this.#s.dependents.all(id) as string[];
  }
  /** Outputs of the direct prerequisites, in insertion order (the merger's inputs after the own input). */
  getInputsFromPrerequisites(workSpecId: string): Data[] {
    return (this.#s.inputs.all(workSpecId) as unknown[]).map((b) =>
      storedData(b, `work_spec.output of a prerequisite of work ${workSpecId}`),
    );
  }
}
