package io.changeledger.command.change;

import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.EvidenceLink;
import io.changeledger.events.change.ReviewOutcome;
import io.changeledger.events.change.RiskLevel;
import io.changeledger.events.change.TimeWindow;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The bodies the change API accepts. Every {@code occurredAt} is optional: absent, it is the time the ledger
 * receives the request. Every {@code sourceSystem} is optional: absent, it is {@code api}.
 */
public final class ChangeRequests {

    private ChangeRequests() {
    }

    /** @param emergency an emergency or break-glass change; a hotfix is one unless it says otherwise */
    public record RequestChange(@NotNull ChangeDetails details,
                         @NotBlank @Size(max = 200) String service,
                         @NotBlank @Size(max = 100) String environment,
                         @NotBlank @Size(max = 200) String requester,
                         @Size(max = 100) String sourceSystem,
                         @Size(max = 300) String correlationKey,
                         @NotNull RiskLevel risk,
                         TimeWindow plannedWindow,
                         Boolean emergency,
                         @Size(max = 50) List<@NotNull EvidenceLink> evidence,
                         @Size(max = 50) Map<@Size(max = 100) String, @Size(max = 1000) String> attributes,
                         Instant occurredAt) {
    }

    /** @param changeId the ledger's id of the change, when the tool knows it; else the correlation key finds it */
    public record ReportChange(@Size(max = 64) String changeId,
                        @NotNull ChangeDetails details,
                        @NotBlank @Size(max = 200) String service,
                        @NotBlank @Size(max = 100) String environment,
                        @NotBlank @Size(max = 200) String actor,
                        @Size(max = 100) String sourceSystem,
                        @Size(max = 300) String correlationKey,
                        @NotNull ChangeOutcome outcome,
                        Boolean emergency,
                        @Size(max = 50) List<@NotNull EvidenceLink> evidence,
                        @Size(max = 50) Map<@Size(max = 100) String, @Size(max = 1000) String> attributes,
                        Instant occurredAt) {
    }

    /** The skeleton's shorthand for a completed deployment, kept for the tools that already call it. */
    public record RecordDeployment(@NotBlank @Size(max = 200) String service,
                            @NotBlank @Size(max = 100) String environment,
                            @NotBlank @Size(max = 200) String version,
                            @NotBlank @Size(max = 200) String actor,
                            @Size(max = 200) String ticket,
                            // the OCI image-spec digest grammar: algorithm ":" encoded
                            @Pattern(regexp = "[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+",
                                    message = "must be a digest such as sha256:<hex>") @Size(max = 200)
                            String artifactDigest,
                            @Size(max = 100) String sourceSystem,
                            Instant occurredAt) {
    }

    /**
     * Evidence a tool produced for a change it may not know the ledger's id of (a merged pull request, a pipeline
     * run): it names the change, or its correlation key finds it.
     */
    public record AttachEvidenceToChange(@Size(max = 64) String changeId,
                                         @Size(max = 300) String correlationKey,
                                         @NotNull EvidenceLink evidence,
                                         @NotBlank @Size(max = 200) String attachedBy,
                                         Instant occurredAt) {
    }

    /** @param freezeException the approval allows the change during a freeze */
    record Approve(@NotBlank @Size(max = 200) String approver, @Size(max = 2000) String reason,
                   Boolean freezeException, Instant occurredAt) {
    }

    record Reject(@NotBlank @Size(max = 200) String approver, @NotBlank @Size(max = 2000) String reason,
                  Instant occurredAt) {
    }

    /** Start, completion, failure or rollback; the reason only counts for the last two. */
    record Step(@NotBlank @Size(max = 200) String actor, @Size(max = 100) String sourceSystem,
                @Size(max = 2000) String reason, Instant occurredAt) {
    }

    record AttachEvidence(@NotNull EvidenceLink.EvidenceType type, @NotBlank @Size(max = 2000) String url,
                          @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
                          String sha256,
                          @Size(max = 2000) String description,
                          @NotBlank @Size(max = 200) String attachedBy,
                          Instant occurredAt) {
    }

    record CompleteReview(@NotBlank @Size(max = 200) String reviewer, @NotNull ReviewOutcome outcome,
                          @Size(max = 4000) String notes, Instant occurredAt) {
    }

    record ResolveViolation(@NotBlank @Size(max = 200) String resolvedBy,
                            @NotBlank @Size(max = 4000) String resolution, Instant occurredAt) {
    }
}
