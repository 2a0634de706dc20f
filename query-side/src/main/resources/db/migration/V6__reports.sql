-- What the change-management report needs to judge a million changes in one pass, kept on the change's row. Both
-- are "first recorded at" instants, so they answer "as known at T" exactly: a change had evidence at T if its first
-- evidence was recorded by T, and had reached production at T if the ledger had learnt so by T (a change never
-- leaves production once it got there). Without them, each change would need a probe into its evidence and its
-- history.
ALTER TABLE production_change
    ADD COLUMN evidence_recorded_at    TIMESTAMPTZ,
    ADD COLUMN implemented_recorded_at TIMESTAMPTZ;

COMMENT ON COLUMN production_change.evidence_recorded_at IS 'when the ledger recorded the first evidence of the change';
COMMENT ON COLUMN production_change.implemented_recorded_at IS
    'when the ledger first recorded the change as started or done (in production)';

UPDATE production_change c
SET evidence_recorded_at = e.first_recorded_at
FROM (SELECT change_id, min(recorded_at) AS first_recorded_at FROM change_evidence GROUP BY change_id) e
WHERE e.change_id = c.change_id;

UPDATE production_change c
SET implemented_recorded_at = h.first_recorded_at
FROM (SELECT change_id, min(recorded_at) AS first_recorded_at FROM change_history
      WHERE status_after IN ('IN_PROGRESS', 'COMPLETED', 'FAILED', 'ROLLED_BACK') GROUP BY change_id) h
WHERE h.change_id = c.change_id;

-- A rollback change names the deployment it undid; the DORA report asks, per deployment, whether one did.
CREATE INDEX production_change_rolled_back ON production_change ((details ->> 'rolledBackChangeId'))
    WHERE kind = 'ROLLBACK';
