-- The implicit tag (the worker's name, which androidx adds to every request's tags) is read from
-- work_spec.worker_name instead of being stored in work_tag (see WorkTagDao): each enqueue wrote a row and
-- two index entries for it, all keyed by a random UUID, three of the ~12 WAL pages an item cost. The index
-- serves lookups by that tag (getWorkInfosByTag, cancelAllWorkByTag, WorkQuery tags); its keys share one
-- value per worker, so an enqueue appends to the same leaf as the one before it.
CREATE INDEX index_work_spec_worker_name ON work_spec (worker_name);
DELETE FROM work_tag WHERE tag = (SELECT worker_name FROM work_spec WHERE work_spec.id = work_tag.work_spec_id);
