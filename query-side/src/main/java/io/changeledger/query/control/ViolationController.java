package io.changeledger.query.control;

import io.changeledger.events.change.Control;
import io.changeledger.query.web.Page;
import io.changeledger.query.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
class ViolationController {

    private final ViolationQueries queries;

    ViolationController(ViolationQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/violations", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<ViolationView> violations(@RequestParam(required = false) Boolean open,
                                   @RequestParam(required = false) Control control,
                                   @RequestParam(required = false) String service,
                                   @RequestParam(required = false) String environment,
                                   @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
                                   @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
                                   @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant knownAt,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Problems.requireOrdered(from, to);
        return queries.handle(new FindViolationsQuery(open, control, service, environment, from, to, knownAt, page,
                size));
    }
}
