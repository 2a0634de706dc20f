-- Every kind of change, its lifecycle, approvals, evidence, control violations, retrospective reviews and freezes.
-- V1 rows are deployments recorded by the walking skeleton (DeploymentRecorded): they are completed changes.

ALTER TABLE production_change
    -- only some kinds of change bring a version (ChangeDetails.deployedVersion)
    ALTER COLUMN version DROP NOT NULL,
    ADD COLUMN status                VARCHAR(20),
    ADD COLUMN requester             TEXT,
    ADD COLUMN correlation_key       TEXT,
    ADD COLUMN risk                  VARCHAR(20),
    ADD COLUMN emergency             BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN planned_start         TIMESTAMPTZ,
    ADD COLUMN planned_end           TIMESTAMPTZ,
    -- the policy travelled with the change; V1 deployments had none
    ADD COLUMN production            BOOLEAN,
    ADD COLUMN required_approvals    INTEGER,
    ADD COLUMN segregation_of_duties BOOLEAN,
    ADD COLUMN staging_required      BOOLEAN,
    ADD COLUMN review_deadline       VARCHAR(40),
    ADD COLUMN approval_count        INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN started_at            TIMESTAMPTZ,
    ADD COLUMN finished_at           TIMESTAMPTZ,
    ADD COLUMN details               JSONB,
    ADD COLUMN attributes            JSONB       NOT NULL DEFAULT '{}',
    ADD COLUMN review_status         VARCHAR(20) NOT NULL DEFAULT 'NONE',
    ADD COLUMN review_due_at         TIMESTAMPTZ,
    ADD COLUMN review_overdue        BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN reviewer              TEXT,
    ADD COLUMN review_notes          TEXT,
    ADD COLUMN review_completed_at   TIMESTAMPTZ;

COMMENT ON COLUMN production_change.recorded_at IS 'when the ledger first recorded the change';
COMMENT ON COLUMN production_change.actor IS 'the requester, or the actor who reported a change after the fact';

UPDATE production_change
SET status      = 'COMPLETED',
    requester   = actor,
    finished_at = occurred_at,
    details     = jsonb_strip_nulls(jsonb_build_object('kind', 'DEPLOYMENT', 'version', version,
                                                       'artifactDigest', artifact_digest)),
    attributes  = CASE WHEN ticket IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('ticket', ticket) END;

ALTER TABLE production_change
    ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN details SET NOT NULL;

-- One row per event of a change, in ledger order, with the change's state after the event: the state "as known
-- at T" is the last row recorded by T, so time travel is one indexed lookup rather than a replay.
CREATE TABLE change_history (
    change_id                 VARCHAR(64) NOT NULL,
    global_sequence           BIGINT      NOT NULL,
    event_id                  UUID        NOT NULL,
    type                      VARCHAR(100) NOT NULL,
    actor                     TEXT,
    occurred_at               TIMESTAMPTZ NOT NULL,
    recorded_at               TIMESTAMPTZ NOT NULL,
    summary                   JSONB       NOT NULL,
    status_after              VARCHAR(20) NOT NULL,
    approval_count_after      INTEGER     NOT NULL,
    started_at_after          TIMESTAMPTZ,
    finished_at_after         TIMESTAMPTZ,
    review_status_after       VARCHAR(20) NOT NULL,
    review_due_at_after       TIMESTAMPTZ,
    review_overdue_after      BOOLEAN     NOT NULL,
    reviewer_after            TEXT,
    review_notes_after        TEXT,
    review_completed_at_after TIMESTAMPTZ,
    PRIMARY KEY (change_id, global_sequence)
);

CREATE INDEX change_history_by_actor ON change_history (actor, change_id);

INSERT INTO change_history (change_id, global_sequence, event_id, type, actor, occurred_at, recorded_at, summary,
                            status_after, approval_count_after, finished_at_after, review_status_after,
                            review_overdue_after)
SELECT change_id, global_sequence, event_id, 'DeploymentRecorded', actor, occurred_at, recorded_at,
       jsonb_strip_nulls(jsonb_build_object('version', version, 'ticket', ticket)),
       'COMPLETED', 0, occurred_at, 'NONE', false
FROM production_change;

-- Approvals and rejections.
CREATE TABLE change_approval (
    change_id        VARCHAR(64) NOT NULL,
    global_sequence  BIGINT      NOT NULL,
    event_id         UUID        NOT NULL,
    decision         VARCHAR(20) NOT NULL,
    approver         TEXT        NOT NULL,
    reason           TEXT,
    freeze_exception BOOLEAN     NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (change_id, global_sequence)
);

-- Evidence attached later and evidence that came with the change (position orders the links of one event).
CREATE TABLE change_evidence (
    change_id       VARCHAR(64) NOT NULL,
    global_sequence BIGINT      NOT NULL,
    position        INTEGER     NOT NULL,
    type            VARCHAR(40) NOT NULL,
    url             TEXT        NOT NULL,
    sha256          VARCHAR(64),
    description     TEXT,
    attached_by     TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (change_id, global_sequence, position)
);

CREATE TABLE control_violation (
    change_id              VARCHAR(64) NOT NULL,
    violation_id           TEXT        NOT NULL,
    control                VARCHAR(40) NOT NULL,
    detail                 TEXT        NOT NULL,
    reference              TEXT,
    occurred_at            TIMESTAMPTZ NOT NULL,
    recorded_at            TIMESTAMPTZ NOT NULL,
    global_sequence        BIGINT      NOT NULL,
    resolved_by            TEXT,
    resolution             TEXT,
    resolved_at            TIMESTAMPTZ,
    -- a resolution recorded after T is not known at T
    resolution_recorded_at TIMESTAMPTZ,
    PRIMARY KEY (change_id, violation_id)
);

CREATE INDEX control_violation_newest ON control_violation (occurred_at DESC, global_sequence DESC);
CREATE INDEX control_violation_by_control ON control_violation (control, occurred_at DESC);
CREATE INDEX control_violation_open ON control_violation (occurred_at DESC) WHERE resolved_at IS NULL;

CREATE TABLE change_freeze (
    freeze_id        VARCHAR(64) PRIMARY KEY,
    -- empty means every service / every environment
    services         TEXT[]      NOT NULL,
    environments     TEXT[]      NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ NOT NULL,
    reason           TEXT        NOT NULL,
    declared_by      TEXT        NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    event_id         UUID        NOT NULL,
    global_sequence  BIGINT      NOT NULL,
    lifted_at        TIMESTAMPTZ,
    lifted_by        TEXT,
    lift_reason      TEXT,
    lift_recorded_at TIMESTAMPTZ,
    -- a lift ends the freeze early; one lifted before it started never took effect
    effective_end    TIMESTAMPTZ GENERATED ALWAYS AS
                         (greatest(starts_at, least(ends_at, coalesce(lifted_at, ends_at)))) STORED
);

CREATE INDEX change_freeze_window ON change_freeze (starts_at, effective_end);

-- Kind, status and requester filters ride on the newest-first and by-service indexes: an index each cost
-- every projected event three more index writes (a status index is rewritten at each step of a change),
-- and the benchmark measured the projection as part of the ledger's throughput.
CREATE INDEX production_change_emergency ON production_change (occurred_at DESC) WHERE emergency;
CREATE INDEX production_change_open_review ON production_change (review_due_at) WHERE review_status = 'OPEN';
-- when a change touched production, for the overlap with freezes; least/greatest skip a missing end
CREATE INDEX production_change_execution ON production_change
    USING gist (tstzrange(least(started_at, finished_at), greatest(started_at, finished_at), '[]'))
    WHERE started_at IS NOT NULL OR finished_at IS NOT NULL;
