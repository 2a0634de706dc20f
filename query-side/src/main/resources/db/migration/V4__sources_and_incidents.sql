-- The registered ingestion sources and the gaps in what they sent, and production incidents.

CREATE TABLE ingestion_source (
    source_name            VARCHAR(200) PRIMARY KEY,
    -- API, KAFKA, GITHUB, GITLAB or TERRAFORM
    kind                   VARCHAR(20)  NOT NULL,
    -- the ingest item types and the services or systems it may report; empty means all
    scope_types            TEXT[]       NOT NULL,
    scope_systems          TEXT[]       NOT NULL,
    rate_per_second        INTEGER      NOT NULL,
    description            TEXT,
    registered_by          TEXT         NOT NULL,
    registered_at          TIMESTAMPTZ  NOT NULL,
    recorded_at            TIMESTAMPTZ  NOT NULL,
    scope_changed_by       TEXT,
    scope_changed_at       TIMESTAMPTZ,
    credentials_rotated_by TEXT,
    credentials_rotated_at TIMESTAMPTZ,
    disabled_at            TIMESTAMPTZ,
    disabled_by            TEXT,
    disable_reason         TEXT,
    event_id               UUID         NOT NULL,
    global_sequence        BIGINT       NOT NULL
);

-- One row per gap. A source's gap counts are summed from here when asked rather than kept on its row, so that a
-- gap is counted whatever the order in which it and the registration reach the read model.
CREATE TABLE source_gap (
    event_id          UUID         PRIMARY KEY,
    source_name       VARCHAR(200) NOT NULL,
    expected_sequence BIGINT       NOT NULL,
    received_sequence BIGINT       NOT NULL,
    missing_count     BIGINT       NOT NULL,
    detected_at       TIMESTAMPTZ  NOT NULL,
    recorded_at       TIMESTAMPTZ  NOT NULL,
    global_sequence   BIGINT       NOT NULL
);

CREATE INDEX source_gap_newest ON source_gap (detected_at DESC, global_sequence DESC);
CREATE INDEX source_gap_by_source ON source_gap (source_name, detected_at DESC, global_sequence DESC);

-- An incident's report and its resolution fill one row. A resolution that reaches the read model before the report
-- makes a row of its own, with the report's columns empty until the report arrives.
CREATE TABLE incident (
    incident_id              VARCHAR(64) PRIMARY KEY,
    external_id              TEXT,
    service                  TEXT,
    environment              TEXT,
    summary                  TEXT,
    severity                 TEXT,
    url                      TEXT,
    -- the change that caused it, when the reporter knows it; the change may reach the read model later or never
    change_id                VARCHAR(64),
    reported_by              TEXT,
    source_system            TEXT,
    reported_at              TIMESTAMPTZ,
    report_recorded_at       TIMESTAMPTZ,
    report_event_id          UUID,
    report_global_sequence   BIGINT,
    resolved_at              TIMESTAMPTZ,
    resolved_by              TEXT,
    resolution               TEXT,
    resolution_source_system TEXT,
    resolution_recorded_at   TIMESTAMPTZ,
    -- when the report is missing, the resolution stands in for it in lists and time filters
    listed_at                TIMESTAMPTZ GENERATED ALWAYS AS (coalesce(reported_at, resolved_at)) STORED,
    time_to_restore_seconds  BIGINT GENERATED ALWAYS AS
                                 (CAST(extract(epoch FROM resolved_at - reported_at) AS BIGINT)) STORED
);

CREATE INDEX incident_newest ON incident (listed_at DESC, incident_id);
CREATE INDEX incident_by_service ON incident (service, environment, listed_at DESC);
CREATE INDEX incident_by_change ON incident (change_id) WHERE change_id IS NOT NULL;
CREATE INDEX incident_open ON incident (listed_at DESC) WHERE resolved_at IS NULL;
