package io.changeledger.command.change;

import io.changeledger.command.config.TimeOrderedIds;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Facts that tooling reports after the fact. A report names its change by id, or carries a correlation key
 * (by default service, environment and version) that finds the open planned change, or a change another tool
 * reported with the same key within the correlation window (the same tool reporting it again deployed it again);
 * only a report that matches nothing becomes a change of its own. Routing happens before dispatch rather than in a
 * command handler of its own: a nested command cost every report a second unit of work and transaction.
 */
@Component
class ChangeReports {

    private final CommandGateway commands;
    private final CorrelationLookup correlations;
    private final ChangePolicyProperties policy;
    private final Clock clock;

    ChangeReports(CommandGateway commands, CorrelationLookup correlations, ChangePolicyProperties policy,
                  Clock clock) {
        this.commands = commands;
        this.correlations = correlations;
        this.policy = policy;
        this.clock = clock;
    }

    Reported report(ChangeReport report) {
        Optional<String> target = Optional.ofNullable(report.changeId()).or(() -> correlationKey(report)
                .flatMap(key -> correlated(key, report.sourceSystem())));
        if (target.isPresent()) {
            commands.sendAndWait(new ReportChangeOutcomeCommand(target.get(), report.outcome(), report.actor(),
                    report.sourceSystem(), report.evidence(), report.occurredAt()));
            return new Reported(target.get(), true);
        }
        String changeId = TimeOrderedIds.next();
        commands.sendAndWait(new RecordChangeCommand(changeId, report.details(), report.service(),
                report.environment(), report.actor(), report.sourceSystem(), report.correlationKey(),
                report.outcome(), report.emergency(), report.evidence(), report.attributes(), report.occurredAt()));
        return new Reported(changeId, false);
    }

    /**
     * The open change with the key, else a change another tool than {@code sourceSystem} reported with it within
     * the correlation window.
     */
    Optional<String> correlated(String correlationKey, String sourceSystem) {
        return correlations.openChangeCorrelatedBy(correlationKey).or(() -> correlations
                .changeReportedSince(correlationKey, sourceSystem, clock.instant().minus(policy.correlationWindow())));
    }

    /** Reads ahead, for the current transaction, what routing these reports in it will ask. */
    void readAhead(Collection<ChangeReport> reports) {
        List<String> keys = reports.stream().filter(report -> report.changeId() == null)
                .flatMap(report -> correlationKey(report).stream()).toList();
        if (!keys.isEmpty()) {
            correlations.readAhead(keys, clock.instant().minus(policy.correlationWindow()));
        }
    }

    /** The key a report without a change id is routed by, if it has one. */
    private static Optional<String> correlationKey(ChangeReport report) {
        return Optional.ofNullable(ProductionChange.correlationKey(report.correlationKey(), report.service(),
                report.environment(), report.details()));
    }

    interface CorrelationLookup {

        /** The newest open planned change with the key. */
        Optional<String> openChangeCorrelatedBy(String correlationKey);

        /**
         * The newest change with the key reported at or after {@code since}, open or not, on which
         * {@code sourceSystem} has not reported yet.
         */
        Optional<String> changeReportedSince(String correlationKey, String sourceSystem, Instant since);

        /**
         * Prepares the current transaction to answer {@link #changeReportedSince} for these keys and any later
         * {@code since}; one that cannot answers each on its own.
         */
        default void readAhead(Collection<String> correlationKeys, Instant since) {
        }
    }

    /** @param correlated whether the report landed on a change already on the ledger */
    record Reported(String id, boolean correlated) {
    }
}
