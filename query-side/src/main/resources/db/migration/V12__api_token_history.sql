-- The API tokens of both sides as the ledger recorded them (ApiTokenIssued, ApiTokenFirstUsed, ApiTokenRevoked):
-- who could read or write the ledger through which API, and when. A projection, rebuilt from the ledger.
CREATE TABLE api_token_history (
    token_id        TEXT        PRIMARY KEY,
    api             TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    role            TEXT        NOT NULL,
    issued_by       TEXT        NOT NULL,
    issued_at       TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    first_used_at   TIMESTAMPTZ,
    revoked_by      TEXT,
    revoked_at      TIMESTAMPTZ,
    issued_event_id UUID        NOT NULL
);

CREATE INDEX api_token_history_issued ON api_token_history (issued_at, token_id COLLATE "C");
