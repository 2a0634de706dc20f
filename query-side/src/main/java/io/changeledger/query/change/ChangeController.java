package io.changeledger.query.change;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.events.change.Control;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

@RestController
@RequestMapping(path = "/api/v1/changes", produces = MediaType.APPLICATION_JSON_VALUE)
class ChangeController {

    private final ChangeQueries queries;

    ChangeController(ChangeQueries queries) {
        this.queries = queries;
    }

    /**
     * @param control a {@link Control}, or {@code any} for changes with any violation
     * @param actor   the requester or anyone who acted on the change
     */
    @GetMapping
    Page<ChangeSummary> changes(@RequestParam(required = false) ChangeKind kind,
                                @RequestParam(required = false) ChangeStatus status,
                                @RequestParam(required = false) String service,
                                @RequestParam(required = false) String environment,
                                @RequestParam(required = false) String actor,
                                @RequestParam(required = false) String control,
                                @RequestParam(required = false) Boolean emergency,
                                @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
                                @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
                                @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant knownAt,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Problems.requireOrdered(from, to);
        return queries.handle(new FindChangesQuery(kind, status, service, environment, actor, violated(control),
                emergency, from, to, knownAt, page, size));
    }

    @GetMapping("/{id}")
    ChangeView change(@PathVariable String id,
                      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant knownAt) {
        return queries.handle(new FindChangeQuery(id, knownAt)).orElseThrow(() -> Problems.notFound(
                "Change not found", knownAt == null ? "No change with id " + id
                        : "No change with id " + id + " was known at " + knownAt));
    }

    private static Set<Control> violated(String control) {
        if (control == null) {
            return Set.of();
        }
        if (control.equals("any")) {
            return EnumSet.allOf(Control.class);
        }
        try {
            return EnumSet.of(Control.valueOf(control));
        } catch (IllegalArgumentException e) {
            throw Problems.badParameter("control", "Invalid value '" + control
                    + "' for parameter 'control': expected any or one of "
                    + Arrays.stream(Control.values()).map(Control::name).collect(Collectors.joining(", ")));
        }
    }
}
