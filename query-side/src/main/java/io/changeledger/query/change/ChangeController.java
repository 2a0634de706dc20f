package io.changeledger.query.change;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@RequestMapping(path = "/api/v1/changes", produces = MediaType.APPLICATION_JSON_VALUE)
class ChangeController {

    private final ChangeQueries queries;

    ChangeController(ChangeQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    ChangePage changes(@RequestParam(required = false) String service,
                       @RequestParam(required = false) String environment,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                       @RequestParam(defaultValue = "0") @Min(0) int page,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "'from' must be before 'to'");
            problem.setTitle("Invalid request");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return queries.handle(new FindChangesQuery(service, environment, from, to, page, size));
    }

    @GetMapping("/{id}")
    ChangeView change(@PathVariable String id) {
        return queries.handle(new FindChangeQuery(id)).orElseThrow(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No change with id " + id);
            problem.setTitle("Change not found");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }
}
