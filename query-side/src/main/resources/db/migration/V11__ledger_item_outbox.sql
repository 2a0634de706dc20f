-- Ingest items other than auditors' requests on their way to the ledger (the query side's API tokens: issued, first
-- used, revoked), written in the transaction that changes what they tell of, deleted once Kafka acknowledged them.
-- item holds the exact bytes sent, so that a record sent again is the same record; record_key is its Kafka key, so
-- that the items of one token stay in order.
CREATE TABLE ledger_item_outbox (
    position   BIGSERIAL PRIMARY KEY,
    item_id    UUID      NOT NULL UNIQUE,
    record_key TEXT      NOT NULL,
    item       TEXT      NOT NULL
);
