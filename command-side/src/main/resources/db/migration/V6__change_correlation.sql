-- Several tools report the same real change (a GitHub deployment status and Argo CD's CDEvent): a report that
-- matches no open change still lands on a change reported under the same correlation key within the correlation
-- window, unless that tool reported on it already (then it deployed the same version again). Every change with a
-- correlation key now has a lookup row, stamped with when it was reported and by which tools.
ALTER TABLE change_lookup ADD COLUMN reported_at TIMESTAMPTZ;
ALTER TABLE change_lookup ADD COLUMN reporters TEXT[] NOT NULL DEFAULT '{}';

CREATE INDEX change_lookup_recent_by_key ON change_lookup (correlation_key, reported_at)
    WHERE correlation_key IS NOT NULL;
