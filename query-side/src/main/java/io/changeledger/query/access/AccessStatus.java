package io.changeledger.query.access;

/**
 * Where a grant is in its life. A granted grant whose window has passed is {@code EXPIRED} in every answer, even
 * before the ledger records its expiry: the access is gone whether or not anyone has noticed.
 */
enum AccessStatus { REQUESTED, DENIED, ACTIVE, EXPIRED, REVOKED, REMOVED }
