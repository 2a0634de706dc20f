package io.changeledger.query.access;

import java.time.Instant;

/**
 * Something about a grant an auditor should look at.
 *
 * @param sessionId the session, for the session anomalies
 * @param at        the instant the anomaly is about: the session's start, the last certification (or the grant's
 *                  start), or the break-glass review's deadline
 * @param detail    what is wrong, for people
 */
record AccessAnomaly(AnomalyType type, String grantId, String principal, String system, String role,
                     String sessionId, Instant at, String detail) {
}
