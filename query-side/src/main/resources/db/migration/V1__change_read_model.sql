-- Ids of the ledger events the projections have applied; written in the same transaction as the read models.
CREATE TABLE processed_event (
    event_id        UUID         PRIMARY KEY,
    event_type      VARCHAR(100) NOT NULL,
    global_sequence BIGINT       NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    processed_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE production_change (
    change_id       VARCHAR(64)  PRIMARY KEY,
    kind            VARCHAR(40)  NOT NULL,
    service         VARCHAR(200) NOT NULL,
    environment     VARCHAR(100) NOT NULL,
    version         VARCHAR(200) NOT NULL,
    artifact_digest VARCHAR(200),
    actor           VARCHAR(200) NOT NULL,
    ticket          VARCHAR(200),
    source_system   VARCHAR(100) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    event_id        UUID         NOT NULL UNIQUE,
    global_sequence BIGINT       NOT NULL
);

CREATE INDEX production_change_newest ON production_change (occurred_at DESC, global_sequence DESC);
CREATE INDEX production_change_by_service ON production_change (service, environment, occurred_at DESC);
