package io.changeledger.query.source;

import io.changeledger.query.web.Page;
import io.changeledger.query.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@RequestMapping(path = "/api/v1/sources", produces = MediaType.APPLICATION_JSON_VALUE)
class SourceController {

    private final SourceQueries queries;

    SourceController(SourceQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    Page<SourceView> sources(@RequestParam(defaultValue = "0") @Min(0) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.handle(new FindSourcesQuery(page, size));
    }

    /** Mapped literally, so it wins over {@link #source}: a source named "gaps" is only found in the list. */
    @GetMapping("/gaps")
    Page<SourceGapView> gaps(@RequestParam(required = false) String source,
                             @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
                             @RequestParam(defaultValue = "0") @Min(0) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Problems.requireOrdered(from, to);
        return queries.handle(new FindSourceGapsQuery(source, from, to, page, size));
    }

    @GetMapping("/{name}")
    SourceView source(@PathVariable String name) {
        return queries.handle(new FindSourceQuery(name))
                .orElseThrow(() -> Problems.notFound("Source not found", "No source named " + name));
    }
}
