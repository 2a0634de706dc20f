package io.changeledger.command.change;

import io.changeledger.command.config.ChangeLedgerProperties;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/changes", produces = MediaType.APPLICATION_JSON_VALUE)
class DeploymentController {

    private static final String DEFAULT_SOURCE_SYSTEM = "api";

    private final CommandGateway commandGateway;
    private final ChangeLedgerProperties properties;
    private final Clock clock;

    DeploymentController(CommandGateway commandGateway, ChangeLedgerProperties properties, Clock clock) {
        this.commandGateway = commandGateway;
        this.properties = properties;
        this.clock = clock;
    }

    /** Answers once the event is stored; the query API shows it as soon as it has travelled through Kafka. */
    @PostMapping(path = "/deployments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RecordedChange> record(@Valid @RequestBody RecordDeploymentRequest request) {
        String changeId = UUID.randomUUID().toString();
        commandGateway.sendAndWait(new RecordDeploymentCommand(changeId, request.service(), request.environment(),
                request.version(), request.artifactDigest(), request.actor(), request.ticket(),
                request.sourceSystem() == null ? DEFAULT_SOURCE_SYSTEM : request.sourceSystem(),
                request.occurredAt() == null ? clock.instant() : request.occurredAt()));
        var location = UriComponentsBuilder.fromUri(properties.queryBaseUrl())
                .path("/api/v1/changes/{id}").buildAndExpand(changeId).toUri();
        return ResponseEntity.created(location).body(new RecordedChange(changeId));
    }

    record RecordedChange(String id) {
    }
}
