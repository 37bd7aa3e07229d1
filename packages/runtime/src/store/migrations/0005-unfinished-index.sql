-- The scheduling index holds unfinished work only. A full (state, last_enqueue_time) index (0002) kept an
-- entry for every finished row too, so each item's start and finish each moved its entry between two
-- leaves (ENQUEUED → RUNNING, RUNNING → SUCCEEDED): four index page writes per item in the WAL, in a
-- database whose finished rows outnumber the rest by far. Here an item's entry goes in at enqueue, changes
-- at its start and leaves at its finish, in an index as small as the work still to do (one leaf in the
-- steady state), so every state change writes that one page. Queries must repeat the index's WHERE term
-- for SQLite to use it: its planner only matches partial-index terms literally. The term names the
-- unfinished states (ENQUEUED 0, RUNNING 1, BLOCKED 4) with comparisons, not `NOT IN (2, 3, 5)`: SQLite
-- evaluates an IN list of three or more through a temporary b-tree it builds each time, which made every
-- state change cost ~3 µs more than the page it saved (measured).
DROP INDEX index_work_spec_state_last_enqueue_time;
CREATE INDEX index_work_spec_unfinished ON work_spec (state, last_enqueue_time) WHERE (state < 2 OR state = 4);
