package io.changeledger.query.report;

import java.time.Instant;
import java.util.List;

/**
 * DORA's four keys per service, environment and week or month.
 *
 * @param granularity {@code week} or {@code month}
 * @param series      one per service and environment with a deployment or an incident in the period (or named by
 *                    both scopes), each with every bucket of the period, empty ones included
 */
public record DoraReport(Instant from, Instant to, List<String> services, List<String> environments,
                         String granularity, Instant asOf, Instant generatedAt, List<Series> series) {

    public record Series(String service, String environment, List<Bucket> buckets) {
    }

    /**
     * @param bucket            {@code 2026-W48} or {@code 2026-11}
     * @param start             the bucket's start, or the period's if the period starts inside it
     * @param end               the bucket's end, or the period's if the period ends inside it
     * @param deployments       production deployments (deployments, hotfixes, security patches) that finished in the
     *                          bucket, completed, failed or rolled back: the deployment frequency
     * @param failedDeployments those that failed, were rolled back, or caused an incident; each once
     * @param changeFailureRate failedDeployments / deployments; absent without deployments
     */
    public record Bucket(String bucket, Instant start, Instant end, long deployments, long failedDeployments,
                         Double changeFailureRate, LeadTime leadTime, TimeToRestore timeToRestore) {
    }

    /**
     * From the first commit, or the merge where no commit is known, to the deployment's completion, over the
     * completed deployments whose evidence records either with its time.
     *
     * @param measured      completed deployments with a commit or merge time
     * @param unmeasured    completed deployments with neither
     * @param fromCommit    of the measured, those timed from their first commit
     * @param fromMerge     of the measured, those timed from their merge, no commit being known
     * @param absentReason  why there is no lead time, when there is none though deployments completed
     */
    public record LeadTime(long measured, long unmeasured, long fromCommit, long fromMerge, Double medianSeconds,
                           Double p90Seconds, String absentReason) {
    }

    /**
     * Over the incidents reported in the bucket, from report to resolution.
     *
     * @param open            incidents not resolved (as known at the report's moment): not in the times
     * @param withoutChange   incidents that name no change, which count here but in no failure rate
     */
    public record TimeToRestore(long incidents, long resolved, long open, long withoutChange, Double medianSeconds,
                                Double p90Seconds) {
    }
}
