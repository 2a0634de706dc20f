package io.changeledger.query.access;

/**
 * Where a grant is in its life, as its events left it. The access matrix gives each grant's status as of now, where
 * a granted grant whose window has passed is {@code EXPIRED} even before the ledger records its expiry: the access
 * is gone whether or not anyone noticed.
 */
enum AccessStatus { REQUESTED, DENIED, ACTIVE, EXPIRED, REVOKED, REMOVED }
