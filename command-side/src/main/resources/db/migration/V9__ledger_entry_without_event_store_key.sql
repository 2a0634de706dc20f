-- A ledger entry named its event through a foreign key into the event store. Both tables are append-only (V7's
-- triggers refuse updates and deletes even to their owner), so the key only checked at each insert what the
-- publisher ensures by construction: it stores the entries of the events it has just read from the store, in the
-- same transaction. Each check locked the event's row, writing the event store's page again (a full-page image
-- after every checkpoint). Measured over 50,000 events through the Kafka ingest topic: storing their entries took
-- PostgreSQL 805 to 896 ms with about 400 full-page images; without the key, 273 to 332 ms and none. The entry's
-- leaf hash still commits to the event's id and content, and event_id stays unique.
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_event_id_fkey;
