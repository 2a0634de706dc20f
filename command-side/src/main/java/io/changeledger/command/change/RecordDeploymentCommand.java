package io.changeledger.command.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordDeploymentCommand(
        @TargetAggregateIdentifier String changeId,
        String service,
        String environment,
        String version,
        String artifactDigest,
        String actor,
        String ticket,
        String sourceSystem,
        Instant occurredAt) {
}
