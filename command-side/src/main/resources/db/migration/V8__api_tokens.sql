-- API tokens of auditors, compliance officers and administrators (sources keep their own credentials in
-- ingest_source). Only a SHA-256 hash of each token is kept: the token is 32 random bytes, shown once at issue.
create table api_token (
    id            uuid primary key,
    name          text        not null,
    role          text        not null check (role in ('INGEST', 'AUDITOR', 'COMPLIANCE', 'ADMIN')),
    token_hash    text        not null unique,
    created_by    text        not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    first_used_at timestamptz,
    revoked_at    timestamptz,
    revoked_by    text
);
