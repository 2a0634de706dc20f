package io.changeledger.query.report;

import java.util.List;

/**
 * One check of a report over its population.
 *
 * @param applicable          the items the check applies to
 * @param passed              those that passed it
 * @param failed              those that did not: the exceptions
 * @param pending             those that cannot fail or pass yet as of the report's moment (a review not yet due)
 * @param rate                passed / (passed + failed); absent when neither
 * @param exceptionsTruncated whether more exceptions failed than the list holds; {@code failed} counts them all
 */
public record CheckResult<T>(String check, long applicable, long passed, long failed, long pending, Double rate,
                             boolean exceptionsTruncated, List<T> exceptions) {

    static <T> CheckResult<T> of(String check, long applicable, long failed, long pending, List<T> exceptions) {
        long passed = applicable - failed - pending;
        Double rate = passed + failed == 0 ? null : (double) passed / (passed + failed);
        return new CheckResult<>(check, applicable, passed, failed, pending, rate, exceptions.size() < failed,
                List.copyOf(exceptions));
    }
}
