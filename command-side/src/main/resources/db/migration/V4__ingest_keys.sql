-- The idempotency keys of ingested events, kept durably: a repeated key never makes a second ledger event. A key
-- is written in the transaction that stores the event's commands, so a rejected item leaves no key behind and can
-- be sent again.
CREATE TABLE ingest_key (
    source          VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(500) NOT NULL,
    item_type       VARCHAR(100) NOT NULL,
    -- sha256 of the item as received, to tell a repeat from a different event that reuses a key
    fingerprint     CHAR(64)     NOT NULL,
    ledger_id       VARCHAR(64),
    recorded_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (source, idempotency_key)
);
