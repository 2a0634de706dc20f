-- The registered sources and their credentials. The events of a source say what happened to it; the secrets that
-- prove a request came from it live only here: API tokens and GitLab tokens as SHA-256 hashes (they are random and
-- long, so a plain hash suffices), webhook secrets that must sign with HMAC encrypted with AES-GCM under a key the
-- database never sees.
create table ingest_source (
    name              text primary key,
    kind              text        not null,
    scope_types       text[]      not null default '{}',
    scope_systems     text[]      not null default '{}',
    rate_per_second   integer     not null check (rate_per_second > 0),
    token_hash        text unique,
    secret_ciphertext bytea,
    disabled_at       timestamptz,
    -- the highest sequence number the source sent, for finding the gaps
    last_sequence     bigint,
    registered_at     timestamptz not null
);
