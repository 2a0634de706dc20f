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

-- Likewise when each control of the change was first found violated: the report counts a million changes' failures
-- from their own rows, rather than joining their violations to them one by one.
ALTER TABLE production_change
    ADD COLUMN approval_violation_recorded_at    TIMESTAMPTZ,
    ADD COLUMN segregation_violation_recorded_at TIMESTAMPTZ,
    ADD COLUMN freeze_violation_recorded_at      TIMESTAMPTZ,
    ADD COLUMN review_violation_recorded_at      TIMESTAMPTZ,
    ADD COLUMN staging_violation_recorded_at     TIMESTAMPTZ;

UPDATE production_change c
SET approval_violation_recorded_at    = v.approval,
    segregation_violation_recorded_at = v.segregation,
    freeze_violation_recorded_at      = v.freeze,
    review_violation_recorded_at      = v.review,
    staging_violation_recorded_at     = v.staging
FROM (SELECT change_id,
             min(recorded_at) FILTER (WHERE control = 'APPROVAL_BEFORE_DEPLOYMENT') AS approval,
             min(recorded_at) FILTER (WHERE control = 'SEGREGATION_OF_DUTIES')      AS segregation,
             min(recorded_at) FILTER (WHERE control = 'CHANGE_FREEZE')              AS freeze,
             min(recorded_at) FILTER (WHERE control = 'EMERGENCY_REVIEW')           AS review,
             min(recorded_at) FILTER (WHERE control = 'STAGING_BEFORE_PRODUCTION')  AS staging
      FROM control_violation GROUP BY change_id) v
WHERE v.change_id = c.change_id;
