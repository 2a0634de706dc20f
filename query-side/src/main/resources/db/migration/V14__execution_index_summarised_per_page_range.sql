-- The GiST index of executions cost every projected change about 20 µs of PostgreSQL's time (a third of the
-- statement that projects new changes: 28 ms for 500 of them with it, 18.6 ms without, on a copy of a benchmark's
-- table of 250,000), for one query, the changes made during a freeze. Changes arrive roughly in the order they
-- ran, so a BRIN index, which keeps the range of executions of each 128 pages, finds a freeze's changes reading
-- only the page ranges that can hold them, and costs an insert next to nothing. A range is summarised once it is
-- full (autosummarize: autovacuum takes up to 256 such requests between its visits; with 32 pages a range, a burst
-- of 5,000 changes a second overflowed that and PostgreSQL logged every request it dropped) or by the next vacuum;
-- a range not yet summarised is always read, so no change is missed. The planner prices a BRIN scan as a read of
-- the whole table, so FreezeQueries turns sequential scans off for that query. A change that never ran has no
-- execution and no entry: its range would be unbounded and make every summary match.
DROP INDEX production_change_execution;
CREATE INDEX production_change_execution ON production_change
    USING brin (tstzrange(least(started_at, finished_at), greatest(started_at, finished_at), '[]') range_inclusion_ops)
    WITH (autosummarize = on)
    WHERE started_at IS NOT NULL OR finished_at IS NOT NULL;
