package io.changeledger.query.freeze;

import io.changeledger.query.web.Page;
import io.changeledger.query.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@RequestMapping(path = "/api/v1/freezes", produces = MediaType.APPLICATION_JSON_VALUE)
class FreezeController {

    private final FreezeQueries queries;

    FreezeController(FreezeQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    Page<FreezeView> freezes(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant activeAt,
                             @RequestParam(defaultValue = "0") @Min(0) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.handle(new FindFreezesQuery(activeAt, page, size));
    }

    @GetMapping("/{id}")
    FreezeView freeze(@PathVariable String id) {
        return queries.handle(new FindFreezeQuery(id)).orElseThrow(() -> unknown(id));
    }

    @GetMapping("/{id}/changes")
    FreezeChanges changes(@PathVariable String id,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.handle(new FindFreezeChangesQuery(id, page, size)).orElseThrow(() -> unknown(id));
    }

    private static ErrorResponseException unknown(String id) {
        return Problems.notFound("Freeze not found", "No freeze with id " + id);
    }
}
