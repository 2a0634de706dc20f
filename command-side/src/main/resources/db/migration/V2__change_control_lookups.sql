-- What the command side must look up across aggregates: open changes by correlation key, versions that ran in
-- staging, review deadlines, and the freezes in force. Written in the transaction that stores the events.
CREATE TABLE change_lookup (
    seq             BIGSERIAL    NOT NULL,
    change_id       VARCHAR(64)  PRIMARY KEY,
    service         VARCHAR(200) NOT NULL,
    environment     VARCHAR(100) NOT NULL,
    correlation_key VARCHAR(300),
    version         VARCHAR(200),
    status          VARCHAR(20)  NOT NULL,
    completed_at    TIMESTAMPTZ,
    review_due_at   TIMESTAMPTZ
);

CREATE INDEX change_lookup_open_by_key ON change_lookup (correlation_key, seq)
    WHERE status IN ('REQUESTED', 'IN_PROGRESS');
CREATE INDEX change_lookup_by_version ON change_lookup (service, version, environment);
CREATE INDEX change_lookup_review_due ON change_lookup (review_due_at) WHERE review_due_at IS NOT NULL;

CREATE TABLE freeze_lookup (
    freeze_id    VARCHAR(64)   PRIMARY KEY,
    services     TEXT[]        NOT NULL,
    environments TEXT[]        NOT NULL,
    starts_at    TIMESTAMPTZ   NOT NULL,
    ends_at      TIMESTAMPTZ   NOT NULL,
    lifted_at    TIMESTAMPTZ,
    reason       VARCHAR(2000) NOT NULL
);

CREATE INDEX freeze_lookup_window ON freeze_lookup (starts_at, ends_at);

-- The skeleton stored completed deployments as DeploymentRecorded; they count for the staging control too.
INSERT INTO change_lookup (change_id, service, environment, version, status, completed_at)
SELECT aggregateidentifier, p ->> 'service', p ->> 'environment', p ->> 'version', 'COMPLETED',
       (p ->> 'occurredAt')::timestamptz
FROM (SELECT aggregateidentifier, convert_from(payload, 'UTF8')::jsonb AS p
      FROM domainevententry
      WHERE payloadtype = 'io.changeledger.events.change.DeploymentRecorded') AS legacy;
