package io.changeledger.command.change;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * @param occurredAt when the deployment happened; the time it is recorded when absent
 * @param sourceSystem the tool that reports it; {@code api} when absent
 */
record RecordDeploymentRequest(
        @NotBlank @Size(max = 200) String service,
        @NotBlank @Size(max = 100) String environment,
        @NotBlank @Size(max = 200) String version,
        @NotBlank @Size(max = 200) String actor,
        @Size(max = 200) String ticket,
        // the OCI image-spec digest grammar: algorithm ":" encoded
        @Pattern(regexp = "[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+",
                message = "must be a digest such as sha256:<hex>") @Size(max = 200) String artifactDigest,
        @Size(max = 100) String sourceSystem,
        Instant occurredAt) {
}
