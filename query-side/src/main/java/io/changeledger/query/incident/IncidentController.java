package io.changeledger.query.incident;

import io.changeledger.query.web.Page;
import io.changeledger.query.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
class IncidentController {

    private final IncidentQueries queries;

    IncidentController(IncidentQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<IncidentView> incidents(@RequestParam(required = false) String service,
                                 @RequestParam(required = false) String environment,
                                 @RequestParam(required = false) Boolean open,
                                 @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
                                 @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Problems.requireOrdered(from, to);
        return queries.handle(new FindIncidentsQuery(service, environment, open, from, to, page, size));
    }

    @GetMapping(path = "/api/v1/incidents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    IncidentView incident(@PathVariable String id) {
        return queries.handle(new FindIncidentQuery(id))
                .orElseThrow(() -> Problems.notFound("Incident not found", "No incident with id " + id));
    }

    /** Asked from the change's side as well: what a change broke, for its failure rate and time to restore. */
    @GetMapping(path = "/api/v1/changes/{id}/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<IncidentView> changeIncidents(@PathVariable String id,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.handle(new FindChangeIncidentsQuery(id, page, size))
                .orElseThrow(() -> Problems.notFound("Change not found", "No change with id " + id));
    }
}
