-- androidx keeps these two indexes for its own queries; none of ours can use them: the scheduler selects
-- filter on state first (index_work_spec_state_last_enqueue_time, migration 0002), the prune compares an
-- expression (last_enqueue_time + minimum_retention_duration) and the limited-slot count tests `<> -1`
-- (both verified with EXPLAIN QUERY PLAN). Each still cost a page write in every enqueue's commit:
-- dropping them saved ~6 % CPU per item in bench/runtime (see bench/README.md).
DROP INDEX index_work_spec_last_enqueue_time;
DROP INDEX index_work_spec_schedule_requested_at;
