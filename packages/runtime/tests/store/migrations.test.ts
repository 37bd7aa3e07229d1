import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest } from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createWorkManager, silentLogger, WorkDatabase } from '../../src/index.js';
import { TestClock } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

describe('migrations', () => {
  it('0002–0008 upgrade a version-1 file in place: the indexes change, the implicit tag leaves work_tag, the trigger and trace-tag columns are added, stored work is kept', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'workscript-migrate-')), 'v1.db');
    const clock = new TestClock();
    const first = createWorkManager({
      database: file,
      workers: [TestWorker],
      clock,
      timer: clock,
      logger: silentLogger,
    });
    const pending = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 86_400_000, tags: ['nightly'] });
    await first.enqueue(pending);
    await first.close();
    // Turn the file back into what version 1 wrote.
    const raw = new BetterSqlite3(file);
    raw.exec('DROP INDEX index_work_spec_unfinished');
    raw.exec('DROP INDEX index_work_spec_worker_name');
    raw.prepare('INSERT INTO work_tag (tag, work_spec_id) VALUES (?, ?)').run(pending.workerName, pending.id);
    raw.exec('DROP INDEX index_work_spec_expedited_enqueued');
    raw.exec('CREATE INDEX index_work_spec_schedule_requested_at ON work_spec (schedule_requested_at)');
    raw.exec('CREATE INDEX index_work_spec_last_enqueue_time ON work_spec (last_enqueue_time)');
    for (const column of [
      'trigger_content_update_delay',
      'trigger_max_content_delay',
      'content_uri_triggers',
      'trace_tag',
    ])
      raw.exec(`ALTER TABLE work_spec DROP COLUMN ${column}`);
    raw.pragma('user_version = 1');
    raw.close();

    const second = createWorkManager({
      database: file,
      workers: [TestWorker],
      clock,
      timer: clock,
      logger: silentLogger,
    });
    const info = await second.getWorkInfoById(pending.id);
    expect(info?.state).toBe('ENQUEUED');
    expect(info?.tags).toEqual(['nightly', pending.workerName].sort());
    // Rows from before 0007 read as work without content-URI triggers.
    expect(info?.constraints).toMatchObject({
      contentUriTriggers: [],
      contentTriggerUpdateDelayMillis: -1,
      contentTriggerMaxDelayMillis: -1,
    });
    expect((await second.getWorkInfosByTag(pending.workerName)).map((i) => i.id)).toEqual([pending.id]);
    await second.close();
    // Rows from before 0008 hold no trace tag (the column is nullable, as in androidx) and read as the default.
    const reopened = WorkDatabase.open({ filename: file });
    expect(reopened.workSpecDao.get(pending.id)?.traceTag).toBe(pending.workerName);
    reopened.close();
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.prepare('SELECT trace_tag FROM work_spec WHERE id = ?').pluck().get(pending.id)).toBeNull();
    expect(check.pragma('user_version', { simple: true })).toBe(8);
    const plan = check
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM work_spec WHERE (state < 2 OR state = 4) AND state = 0 ORDER BY last_enqueue_time LIMIT 200',
      )
      .all()
      .map((r) => (r as { detail: string }).detail);
    expect(plan.join()).toContain('index_work_spec_unfinished');
    const expeditedPlan = check
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM work_spec INDEXED BY index_work_spec_expedited_enqueued WHERE state = 0 AND expedited = 1 ORDER BY last_enqueue_time LIMIT 200',
      )
      .all()
      .map((r) => (r as { detail: string }).detail);
    expect(expeditedPlan.join()).toContain('index_work_spec_expedited_enqueued');
    const indexes = check
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'work_spec' ORDER BY name")
      .pluck()
      .all();
    expect(indexes).not.toContain('index_work_spec_last_enqueue_time');
    expect(indexes).not.toContain('index_work_spec_schedule_requested_at');
    expect(indexes).not.toContain('index_work_spec_state_last_enqueue_time');
    expect(indexes).toContain('index_work_spec_worker_name');
    expect(check.prepare('SELECT tag FROM work_tag').pluck().all()).toEqual(['nightly']);
    check.close();
  });
});
