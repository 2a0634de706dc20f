package io.changeledger.events.change;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A link to evidence kept elsewhere, with the SHA-256 of its content when the source can give it, so that a
 * later change of what the link points to is detectable.
 *
 * @param sha256 lower-case hex SHA-256 of the linked content
 */
public record EvidenceLink(EvidenceType type, String url, String sha256, String description) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public EvidenceLink {
        Objects.requireNonNull(type, "type");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    /**
     * What the link is. Two types are dated facts for DORA's lead time, and the evidence's {@code occurredAt} is the
     * moment they happened: {@code COMMIT}, a commit that went into the change (the earliest is its first commit),
     * and {@code MERGE}, the merge of the change's code.
     */
    public enum EvidenceType {
        PULL_REQUEST, CODE_REVIEW, CI_RUN, TEST_REPORT, TICKET, ARTIFACT, SECURITY_SCAN, RUNBOOK, OTHER, COMMIT, MERGE
    }
}
