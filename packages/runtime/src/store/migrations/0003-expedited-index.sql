-- Expedited work starts ahead of regular work (spec §5.2, modelled in GreedyScheduler). When more than 200
-- specs are ENQUEUED, the scheduler pass also asks for the oldest expedited ones, which may lie beyond the
-- first 200. This partial index holds only ENQUEUED expedited rows, so that query is a short range scan and
-- regular work pays nothing to maintain it.
CREATE INDEX index_work_spec_expedited_enqueued ON work_spec (last_enqueue_time) WHERE state = 0 AND expedited = 1;
