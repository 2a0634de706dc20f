package io.changeledger.query.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who was given access to production in a period, how, and whether the access controls held.
 *
 * @param asOf        the recorded-at bound the answer holds to, when one was asked for
 * @param generatedAt when the report was made; asking again with {@code asOf} set to it reproduces it
 * @param grants      the grants of the period with their approvals, oldest first, up to the list limit
 */
public record LogicalAccessReport(Instant from, Instant to, List<String> systems, Instant asOf, Instant generatedAt,
                                  Summary summary, List<Grant> grants, boolean grantsTruncated,
                                  List<CheckResult<AccessException>> checks, Mapping mapping) {

    /**
     * @param grants     grants requested, taken (break-glass) or assigned (standing) in the period
     * @param granted    those that were granted
     * @param denied     requests denied
     * @param notGranted requests neither granted nor denied
     * @param approvals  approvals given to the period's grants, by people other than the principal
     */
    public record Summary(long grants, long requested, long breakGlass, long standing, long privileged, long granted,
                          long denied, long notGranted, long approvals, Reviews reviews, Map<String, Double> rates) {
    }

    /**
     * The periodic access reviews due in the period.
     *
     * @param done    completed by their due date
     * @param late    completed after it
     * @param overdue not completed, and the due date has passed
     * @param pending not completed, not due yet
     */
    public record Reviews(long due, long done, long late, long overdue, long pending) {
    }

    public record Grant(String grantId, String kind, String status, String principal, String system, String role,
                        boolean privileged, Instant occurredAt, String grantedBy, List<String> approvers,
                        int requiredApprovals, Instant validFrom, Instant validUntil) {
    }

    /**
     * A grant or an access review that failed a check.
     *
     * @param reviewId     set for an access review's exception, where {@code grantId} is absent
     * @param violationIds the access violations the ledger recorded for it, if the check is one of a control
     */
    public record AccessException(String grantId, String reviewId, String kind, String principal, String system,
                                  String role, Instant occurredAt, String failure, List<String> violationIds) {
    }
}
