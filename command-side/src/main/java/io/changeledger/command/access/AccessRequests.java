package io.changeledger.command.access;

import io.changeledger.events.access.AccessDecision;
import io.changeledger.events.change.ReviewOutcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.Instant;

/**
 * The bodies the access API accepts. Every {@code occurredAt} is optional: absent, it is the time the ledger
 * receives the request. Every {@code sourceSystem} is optional: absent, it is {@code api}. Durations are ISO 8601
 * ({@code PT4H}).
 */
public final class AccessRequests {

    private AccessRequests() {
    }

    /**
     * @param privileged  absent: privileged if the role is one of the configured privileged roles
     * @param requestedBy absent: the principal asks for themselves
     */
    public record RequestAccess(@NotBlank @Size(max = 200) String principal,
                         @NotBlank @Size(max = 200) String system,
                         @Size(max = 300) String resource,
                         @NotBlank @Size(max = 200) String role,
                         Boolean privileged,
                         @NotBlank @Size(max = 2000) String justification,
                         @NotNull Duration duration,
                         @Size(max = 64) String changeId,
                         @Size(max = 200) String incidentId,
                         @Size(max = 200) String requestedBy,
                         @Size(max = 100) String sourceSystem,
                         Instant occurredAt) {
    }

    public record BreakGlass(@NotBlank @Size(max = 200) String principal,
                      @NotBlank @Size(max = 200) String system,
                      @Size(max = 300) String resource,
                      @NotBlank @Size(max = 200) String role,
                      Boolean privileged,
                      @NotBlank @Size(max = 2000) String justification,
                      @NotNull Duration duration,
                      @Size(max = 64) String changeId,
                      @Size(max = 200) String incidentId,
                      @Size(max = 100) String sourceSystem,
                      Instant occurredAt) {
    }

    record Approve(@NotBlank @Size(max = 200) String approver, @Size(max = 2000) String reason, Instant occurredAt) {
    }

    record Deny(@NotBlank @Size(max = 200) String deniedBy, @NotBlank @Size(max = 2000) String reason,
                Instant occurredAt) {
    }

    /**
     * @param validFrom  absent: when the ledger receives the request
     * @param validUntil absent: the requested duration after validFrom
     */
    record Grant(@NotBlank @Size(max = 200) String grantedBy, Instant validFrom, Instant validUntil,
                 Instant occurredAt) {
    }

    /** @param endedAt absent while the session is open; report the session again when it ends */
    record Session(@NotBlank @Size(max = 200) String sessionId, @NotNull Instant startedAt, Instant endedAt,
                   @Size(max = 100) String sourceSystem) {
    }

    record Revoke(@NotBlank @Size(max = 200) String revokedBy, @Size(max = 2000) String reason, Instant occurredAt) {
    }

    record CompleteBreakGlassReview(@NotBlank @Size(max = 200) String reviewer, @NotNull ReviewOutcome outcome,
                                    @Size(max = 4000) String notes, Instant occurredAt) {
    }

    /**
     * A role assignment as the IAM system has it; recording it again while it is active changes nothing.
     *
     * @param sourceSystem the IAM system (required: the same assignment may exist in two of them)
     * @param occurredAt   since when the assignment exists
     */
    public record StandingAccess(@NotBlank @Size(max = 200) String principal,
                          @NotBlank @Size(max = 200) String system,
                          @Size(max = 300) String resource,
                          @NotBlank @Size(max = 200) String role,
                          Boolean privileged,
                          @NotBlank @Size(max = 100) String sourceSystem,
                          @Size(max = 200) String assignedBy,
                          @Size(max = 200) String approvedBy,
                          Instant occurredAt) {
    }

    public record StandingAccessRemoval(@NotBlank @Size(max = 200) String principal,
                                 @NotBlank @Size(max = 200) String system,
                                 @Size(max = 300) String resource,
                                 @NotBlank @Size(max = 200) String role,
                                 @NotBlank @Size(max = 100) String sourceSystem,
                                 @Size(max = 200) String removedBy,
                                 Instant occurredAt) {
    }

    /** @param dueAt when every grant of the system must have been certified or revoked */
    record StartReview(@NotBlank @Size(max = 200) String system,
                       @NotBlank @Size(max = 200) String reviewer,
                       @NotNull Instant dueAt,
                       @NotBlank @Size(max = 200) String startedBy,
                       Instant occurredAt) {
    }

    record Decide(@NotBlank @Size(max = 64) String grantId,
                  @NotNull AccessDecision decision,
                  @NotBlank @Size(max = 200) String reviewer,
                  @Size(max = 4000) String notes,
                  Instant occurredAt) {
    }
}
