-- The auditor API: keyset order of the populations, the outbox of auditors' requests on their way to the ledger,
-- and the read model of those requests once the ledger has them.

-- Populations are paged by (occurred_at, id) in byte order ("C"), the same on every machine whatever the
-- database's collation.
CREATE INDEX production_change_population ON production_change (occurred_at, change_id COLLATE "C");
CREATE INDEX access_grant_population ON access_grant (occurred_at, grant_id COLLATE "C");

-- Every audited request, written when it is answered and deleted once Kafka has acknowledged its record: what is
-- here has not reached the ingest topic yet. request_id is the record's idempotency key and the ledger's id of the
-- request; a UUID rather than the position, so that a rebuilt query schema never reuses a key the ledger has seen.
CREATE TABLE auditor_request_outbox (
    position       BIGSERIAL    PRIMARY KEY,
    request_id     UUID         NOT NULL UNIQUE,
    auditor        TEXT         NOT NULL,
    authenticated  BOOLEAN      NOT NULL,
    method         VARCHAR(10)  NOT NULL,
    path           TEXT         NOT NULL,
    query          TEXT,
    status         INTEGER      NOT NULL,
    row_count      INTEGER,
    duration_ms    BIGINT       NOT NULL,
    client_address TEXT,
    requested_at   TIMESTAMPTZ  NOT NULL
);

-- The audit of the auditors as the ledger recorded it (AuditorQueryRecorded).
CREATE TABLE auditor_activity (
    query_id        VARCHAR(64)  PRIMARY KEY,
    auditor         TEXT         NOT NULL,
    authenticated   BOOLEAN      NOT NULL,
    method          VARCHAR(10)  NOT NULL,
    path            TEXT         NOT NULL,
    query           TEXT,
    status          INTEGER      NOT NULL,
    row_count       INTEGER,
    duration_ms     BIGINT       NOT NULL,
    client_address  TEXT,
    source_system   TEXT         NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    event_id        UUID         NOT NULL,
    global_sequence BIGINT       NOT NULL
);

CREATE INDEX auditor_activity_order ON auditor_activity (occurred_at, query_id COLLATE "C");
CREATE INDEX auditor_activity_by_auditor ON auditor_activity (auditor, occurred_at);
