package io.changeledger.query.access;

/**
 * Where a grant is in its life. Where an answer gives a grant's status, a granted grant whose window has passed is
 * {@code EXPIRED} even before the ledger records its expiry: the access is gone whether or not anyone noticed. A
 * grant's history keeps what each event left.
 */
enum AccessStatus { REQUESTED, DENIED, ACTIVE, EXPIRED, REVOKED, REMOVED }
