-- Schedulers ask for "ENQUEUED, oldest enqueue first, LIMIT 200" after every enqueue and every finished
-- attempt. With only the last_enqueue_time index, SQLite walks every finished row that sorts before the
-- first ENQUEUED one, so each call cost O(finished work) and a long-lived database slowed down per item
-- (found by bench/runtime: 10k no-op items ran at half the per-item speed of 1k). This index serves
-- that query, the limited-slot variant and the state filters directly.
CREATE INDEX index_work_spec_state_last_enqueue_time ON work_spec (state, last_enqueue_time);
