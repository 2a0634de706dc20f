-- The query API lists a service's changes newest first (GET /api/v1/changes?service=...), paged. By (service,
-- environment, occurred_at) PostgreSQL had to read every change of the service and sort them for each page: 61 ms
-- for a service of 50,000 changes, growing with it. In the list's own order a page reads only its rows; a filter on
-- the environment as well reads the service's other environments' rows in between, a bounded factor. Replaced, not
-- added: every recorded change pays for each index of this table.
DROP INDEX production_change_by_service;
CREATE INDEX production_change_by_service ON production_change (service, occurred_at DESC, global_sequence DESC);
