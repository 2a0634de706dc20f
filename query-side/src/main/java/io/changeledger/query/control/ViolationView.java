package io.changeledger.query.control;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.Control;

import java.time.Instant;

/** A control violation with what an auditor needs of its change to filter and group it. */
record ViolationView(String changeId, String violationId, Control control, String detail, String reference,
                     Instant occurredAt, Instant recordedAt, boolean resolved, String resolvedBy, String resolution,
                     Instant resolvedAt, ChangeKind kind, String service, String environment) {
}
