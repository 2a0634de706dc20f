-- The query side's own copy of the tamper-evident ledger: every event record it took, at the ledger sequence the
-- command side gave it, a Merkle tree of its own over them, and the command side's signed checkpoints, each
-- compared with that tree. Written in the same transactions as the read models, so a redelivery changes nothing.

CREATE TABLE ledger_entry (
    sequence        BIGINT      PRIMARY KEY,
    event_id        UUID        NOT NULL UNIQUE,
    leaf_hash       BYTEA       NOT NULL,
    -- the RFC 8785 canonical JSON the leaf hash is over, kept as bytes: a jsonb column would not give the same
    -- bytes back, and anyone holding the entry must be able to hash it to the leaf
    entry           BYTEA       NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    kafka_partition INTEGER     NOT NULL,
    kafka_offset    BIGINT      NOT NULL
);

-- The complete subtrees of level 1 and above (level 0 is ledger_entry.leaf_hash), stored once as they complete:
-- any root or proof for any size up to the head is read from O(log n) of them.
CREATE TABLE ledger_node (
    level      SMALLINT NOT NULL,
    node_index BIGINT   NOT NULL,
    hash       BYTEA    NOT NULL,
    PRIMARY KEY (level, node_index)
);

-- One row: how far the tree has grown over the sequences held without a gap from zero. Locked by whoever extends
-- the tree, so that two instances never append the same leaves.
CREATE TABLE ledger_head (
    single     BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (single),
    tree_size  BIGINT      NOT NULL,
    root_hash  BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

INSERT INTO ledger_head (tree_size, root_hash, updated_at)
VALUES (0, decode('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'), now());

CREATE TABLE ledger_key (
    key_id         VARCHAR(16) PRIMARY KEY,
    public_key_pem TEXT        NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE ledger_checkpoint (
    checkpoint_id BIGSERIAL    PRIMARY KEY,
    origin        TEXT         NOT NULL,
    tree_size     BIGINT       NOT NULL,
    root_hash     BYTEA        NOT NULL,
    signed_at     TIMESTAMPTZ  NOT NULL,
    -- the signed time exactly: the signature covers its nanoseconds, which signed_at rounds to microseconds
    signed_time   TEXT         NOT NULL,
    key_id        VARCHAR(16)  NOT NULL REFERENCES ledger_key (key_id),
    signature     TEXT         NOT NULL,
    -- PENDING, VERIFIED, ROOT_MISMATCH or UNTRUSTED_KEY
    status        VARCHAR(20)  NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    checked_at    TIMESTAMPTZ,
    -- Ed25519 signs deterministically: the same checkpoint again has the same signature
    UNIQUE (key_id, signature)
);

CREATE INDEX ledger_checkpoint_pending ON ledger_checkpoint (tree_size) WHERE status = 'PENDING';
CREATE INDEX ledger_checkpoint_by_size ON ledger_checkpoint (tree_size DESC, signed_at DESC, checkpoint_id DESC);
CREATE INDEX ledger_checkpoint_newest ON ledger_checkpoint (signed_at DESC, checkpoint_id DESC);
