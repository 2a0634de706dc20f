package io.changeledger.command.incident;

import io.changeledger.command.Recorded;
import io.changeledger.command.config.ChangeLedgerProperties;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Records production incidents and their resolution. Every answer comes once the events are stored; the query API
 * shows them as soon as they have travelled through Kafka.
 */
@RestController
@RequestMapping(path = "/api/v1/incidents", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
class IncidentController {

    private final IncidentIntake intake;
    private final ChangeLedgerProperties properties;

    IncidentController(IncidentIntake intake, ChangeLedgerProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    @PostMapping
    ResponseEntity<IncidentReference> report(@Valid @RequestBody IncidentRequests.ReportIncident request) {
        Recorded recorded = intake.report(request);
        var location = UriComponentsBuilder.fromUri(properties.queryBaseUrl())
                .path("/api/v1/incidents/{id}").buildAndExpand(recorded.id()).toUri();
        IncidentReference body = new IncidentReference(recorded.id(), recorded.existing());
        return recorded.existing() ? ResponseEntity.ok().location(location).body(body)
                : ResponseEntity.created(location).body(body);
    }

    /** @param id the ledger's id of the incident, as the report answered it */
    @PostMapping("/{id}/resolution")
    IncidentReference resolve(@PathVariable String id, @Valid @RequestBody IncidentRequests.Resolution request) {
        Recorded recorded = intake.resolve(id, request.resolvedBy(), request.resolution(), null,
                request.occurredAt());
        return new IncidentReference(recorded.id(), recorded.existing());
    }

    /** @param existing whether the request landed on an incident already on the ledger rather than a new one */
    record IncidentReference(String id, boolean existing) {
    }
}
