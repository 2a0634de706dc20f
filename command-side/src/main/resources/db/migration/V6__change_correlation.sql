-- Several tools report the same real change (a GitHub deployment status and Argo CD's CDEvent): a report that
-- matches no open change still lands on a change reported under the same correlation key within the correlation
-- window. Every change with a correlation key now has a lookup row, stamped with when it was reported.
ALTER TABLE change_lookup ADD COLUMN reported_at TIMESTAMPTZ;

CREATE INDEX change_lookup_recent_by_key ON change_lookup (correlation_key, reported_at)
    WHERE correlation_key IS NOT NULL;
