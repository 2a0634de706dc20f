package io.changeledger.query.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The population of production changes of a period and scope, each checked against the change-management controls.
 *
 * @param asOf        the recorded-at bound the answer holds to, when one was asked for
 * @param generatedAt when the report was made; asking again with {@code asOf} set to it reproduces it
 */
public record ChangeManagementReport(Instant from, Instant to, List<String> services, List<String> environments,
                                     Instant asOf, Instant generatedAt, Summary summary,
                                     List<CheckResult<ChangeException>> checks, Mapping mapping) {

    /**
     * @param population     production changes of the period that reached production (started or reported done)
     * @param notImplemented production changes of the period that were requested but never started: not in the
     *                       population
     * @param withoutPolicy  changes of the population recorded without a control policy (the first deployments'
     *                       short form), which only the evidence check applies to
     * @param rates          each check's pass rate
     */
    public record Summary(long population, long notImplemented, long withoutPolicy, long emergencyChanges,
                          Map<String, Double> rates) {
    }

    /**
     * A change that failed a check.
     *
     * @param failure      what failed, in words
     * @param violationIds the control violations the ledger recorded for it, if the check is one of a control
     * @param resolved     whether every one of them was resolved (an exception stays one when resolved)
     */
    public record ChangeException(String changeId, String kind, String service, String environment,
                                  Instant occurredAt, String status, String failure, List<String> violationIds,
                                  Boolean resolved, List<Resolution> resolutions) {
    }

    public record Resolution(String violationId, String resolvedBy, String resolution, Instant resolvedAt) {
    }
}
