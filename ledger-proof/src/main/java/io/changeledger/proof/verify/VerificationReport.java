package io.changeledger.proof.verify;

import java.util.List;

/**
 * What a verification found, and how much it looked at.
 *
 * @param entries     entries whose leaf hash was recomputed
 * @param checkpoints checkpoints whose signature was checked
 */
public record VerificationReport(List<Finding> findings, long entries, int checkpoints) {

    public VerificationReport {
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.isEmpty();
    }
}
