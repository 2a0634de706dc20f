-- What the command side must look up across grants and access reviews. Written in the transaction that stores
-- the events; a row is kept after its grant ends, so that a late event of the grant still finds it.
CREATE TABLE access_lookup (
    grant_id               VARCHAR(64)  PRIMARY KEY,
    principal              VARCHAR(200) NOT NULL,
    system                 VARCHAR(200) NOT NULL,
    resource               VARCHAR(300),
    role                   VARCHAR(200) NOT NULL,
    privileged             BOOLEAN      NOT NULL,
    standing               BOOLEAN      NOT NULL,
    source_system          VARCHAR(200) NOT NULL,
    -- granted and not yet ended
    active                 BOOLEAN      NOT NULL,
    valid_until            TIMESTAMPTZ,
    -- an open break-glass review
    review_due_at          TIMESTAMPTZ,
    -- standing privileged access: how often, and by when, a review must certify it
    certification_interval VARCHAR(40),
    certification_due_at   TIMESTAMPTZ
);

CREATE INDEX access_lookup_active_by_system ON access_lookup (system) WHERE active;
CREATE INDEX access_lookup_standing ON access_lookup (source_system, principal, system, role) WHERE active AND standing;
CREATE INDEX access_lookup_expiry ON access_lookup (valid_until) WHERE active AND valid_until IS NOT NULL;
CREATE INDEX access_lookup_review_due ON access_lookup (review_due_at) WHERE review_due_at IS NOT NULL;
CREATE INDEX access_lookup_certification_due ON access_lookup (certification_due_at)
    WHERE certification_due_at IS NOT NULL;

-- Access reviews that are neither completed nor flagged as overdue.
CREATE TABLE access_review_lookup (
    review_id VARCHAR(64) PRIMARY KEY,
    due_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX access_review_lookup_due ON access_review_lookup (due_at);
