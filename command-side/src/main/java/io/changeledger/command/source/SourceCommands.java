package io.changeledger.command.source;

import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceScope;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The commands of a registered source; the aggregate id is the source's name. */
final class SourceCommands {

    private SourceCommands() {
    }

    record RegisterSourceCommand(@TargetAggregateIdentifier String sourceName, SourceKind kind, SourceScope scope,
                                 int ratePerSecond, String description, String registeredBy, Instant occurredAt) {
    }

    record RotateSourceCredentialsCommand(@TargetAggregateIdentifier String sourceName, String rotatedBy,
                                          Instant occurredAt) {
    }

    record ChangeSourceScopeCommand(@TargetAggregateIdentifier String sourceName, SourceScope scope,
                                    int ratePerSecond, String changedBy, Instant occurredAt) {
    }

    record DisableSourceCommand(@TargetAggregateIdentifier String sourceName, String disabledBy, String reason,
                                Instant occurredAt) {
    }

    record RecordSourceGapCommand(@TargetAggregateIdentifier String sourceName, long expectedSequence,
                                  long receivedSequence, Instant occurredAt) {
    }
}
