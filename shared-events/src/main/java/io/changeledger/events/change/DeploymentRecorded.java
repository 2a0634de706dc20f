package io.changeledger.events.change;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/**
 * A deployment to an environment was recorded: the walking skeleton's only event. New deployments are
 * {@link ChangeRecorded} with {@link ChangeDetails.Deployment} details; this type stays because the ledger
 * keeps the events it already holds, byte for byte, and both sides must go on reading them.
 *
 * @param artifactDigest OCI-style digest ({@code sha256:…}) of what was deployed, when the source knows it
 * @param ticket         the ticket or pull-request reference the deployment belongs to, if any
 * @param sourceSystem   the system that reported the deployment (for example {@code api}, {@code github})
 */
@Revision("1")
public record DeploymentRecorded(
        String changeId,
        String service,
        String environment,
        String version,
        String artifactDigest,
        String actor,
        String ticket,
        String sourceSystem,
        Instant occurredAt) implements ChangeEvent {

    public DeploymentRecorded {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
