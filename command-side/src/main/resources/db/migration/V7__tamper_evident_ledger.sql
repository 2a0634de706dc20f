-- The ledger's Merkle tree: every published event's dense sequence number and leaf hash, the complete subtrees
-- above the leaves (level 1 and up; a leaf is its own subtree at level 0), and the signed checkpoints.
CREATE TABLE ledger_entry (
    sequence     BIGINT       PRIMARY KEY CHECK (sequence >= 0),
    event_id     VARCHAR(255) NOT NULL UNIQUE REFERENCES domainevententry (eventidentifier),
    global_index BIGINT       NOT NULL,
    leaf_hash    BYTEA        NOT NULL CHECK (octet_length(leaf_hash) = 32),
    published_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE ledger_node (
    level      SMALLINT NOT NULL CHECK (level > 0),
    node_index BIGINT   NOT NULL CHECK (node_index >= 0),
    hash       BYTEA    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, node_index)
);

CREATE TABLE ledger_checkpoint (
    tree_size  BIGINT       PRIMARY KEY CHECK (tree_size >= 0),
    origin     VARCHAR(255) NOT NULL,
    root_hash  BYTEA        NOT NULL CHECK (octet_length(root_hash) = 32),
    signed_at  TIMESTAMPTZ  NOT NULL,
    key_id     VARCHAR(64)  NOT NULL,
    signature  TEXT         NOT NULL,
    public_key TEXT         NOT NULL
);

-- a checkpoint reached its topic; the outbox that resends the others after a failure
CREATE TABLE ledger_checkpoint_publication (
    tree_size    BIGINT      PRIMARY KEY REFERENCES ledger_checkpoint (tree_size),
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- History does not change: rows of these tables are never updated or deleted, and the tables never truncated.
-- The triggers hold even for the tables' owner; privileges (afterMigrate.sql) keep the application's own role
-- from disabling them.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ChangeLedger: % on %.% refused: the table is append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
DECLARE
    append_only TEXT;
BEGIN
    FOREACH append_only IN ARRAY ARRAY['domainevententry', 'ledger_entry', 'ledger_node', 'ledger_checkpoint',
                                        'ledger_checkpoint_publication']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW '
                       'EXECUTE FUNCTION ledger_append_only()', append_only || '_append_only', append_only);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                       'EXECUTE FUNCTION ledger_append_only()', append_only || '_no_truncate', append_only);
    END LOOP;
END
$$;

-- Events stored before this version were published without a ledger position: the publisher starts again from
-- the first event and gives every one its sequence. The query side recognises the events it already projected.
DELETE FROM tokenentry WHERE processorname = 'kafka-publisher';
