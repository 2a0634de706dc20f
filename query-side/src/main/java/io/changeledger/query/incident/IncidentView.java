package io.changeledger.query.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A production incident. When the ledger's resolution of it reached the read model before its report, only the
 * resolution is known: {@code reportKnown} is false and the report's fields are absent until the report arrives.
 *
 * @param externalId            its id in the tool that reported it (PagerDuty, Opsgenie, a CDEvents subject)
 * @param changeId              the change that caused it, when the reporter knows it
 * @param sourceSystem          the tool that reported it
 * @param reportedAt            when it was reported; {@code reportRecordedAt} is when the ledger stored that
 * @param open                  not resolved yet
 * @param resolutionSourceSystem the tool that reported its resolution
 * @param timeToRestoreSeconds  from report to resolution, once both are known
 * @param eventId               the report's event
 */
record IncidentView(String id, String externalId, String service, String environment, String summary,
                    String severity, String url, String changeId, String reportedBy, String sourceSystem,
                    boolean reportKnown, Instant reportedAt, Instant reportRecordedAt, boolean open,
                    Instant resolvedAt, String resolvedBy, String resolution, String resolutionSourceSystem,
                    Instant resolutionRecordedAt, Long timeToRestoreSeconds, UUID eventId, Long globalSequence) {
}
