package io.changeledger.command.change;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Facts that tooling reports after the fact. A report names its change by id, or carries a correlation key
 * (by default service, environment and version) that finds the open planned change; only a report that
 * matches nothing becomes a change of its own. Routing happens before dispatch rather than in a command
 * handler of its own: a nested command cost every report a second unit of work and transaction.
 */
@Component
class ChangeReports {

    private final CommandGateway commands;
    private final CorrelationLookup correlations;

    ChangeReports(CommandGateway commands, CorrelationLookup correlations) {
        this.commands = commands;
        this.correlations = correlations;
    }

    Reported report(ChangeReport report) {
        Optional<String> target = Optional.ofNullable(report.changeId()).or(() -> Optional
                .ofNullable(ProductionChange.correlationKey(report.correlationKey(), report.service(),
                        report.environment(), report.details()))
                .flatMap(correlations::openChangeCorrelatedBy));
        if (target.isPresent()) {
            commands.sendAndWait(new ReportChangeOutcomeCommand(target.get(), report.outcome(), report.actor(),
                    report.sourceSystem(), report.evidence(), report.occurredAt()));
            return new Reported(target.get(), true);
        }
        String changeId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordChangeCommand(changeId, report.details(), report.service(),
                report.environment(), report.actor(), report.sourceSystem(), report.correlationKey(),
                report.outcome(), report.emergency(), report.evidence(), report.attributes(), report.occurredAt()));
        return new Reported(changeId, false);
    }

    /** Finds the newest open planned change with a correlation key. */
    interface CorrelationLookup {
        Optional<String> openChangeCorrelatedBy(String correlationKey);
    }

    /** @param correlated whether the report landed on a change already on the ledger */
    record Reported(String id, boolean correlated) {
    }
}
