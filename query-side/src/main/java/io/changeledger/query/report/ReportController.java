package io.changeledger.query.report;

import io.changeledger.query.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Compliance reports over a period and a scope, each answerable as the ledger knew it at a moment. */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class ReportController {

    private final ChangeManagementQueries changeManagement;
    private final LogicalAccessQueries logicalAccess;
    private final DoraQueries dora;
    private final FrameworkMappings mappings;
    private final ReportProperties properties;

    ReportController(ChangeManagementQueries changeManagement, LogicalAccessQueries logicalAccess, DoraQueries dora,
                     FrameworkMappings mappings, ReportProperties properties) {
        this.changeManagement = changeManagement;
        this.logicalAccess = logicalAccess;
        this.dora = dora;
        this.mappings = mappings;
        this.properties = properties;
    }

    /**
     * @param service     repeatable; none for every service
     * @param environment repeatable; none for every production environment
     */
    @GetMapping("/change-management")
    ChangeManagementReport changeManagement(
            @RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) List<String> service,
            @RequestParam(required = false) List<String> environment,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant asOf,
            @RequestParam(required = false) String mappingVersion,
            @RequestParam(required = false) @Min(0) @Max(10_000) Integer exceptionLimit) {
        Problems.requireOrdered(from, to);
        return changeManagement.handle(new FindChangeManagementReportQuery(from, to, scope(service),
                scope(environment), asOf, mappings.resolve(mappingVersion), limit(exceptionLimit)));
    }

    /** @param system repeatable; none for every system */
    @GetMapping("/logical-access")
    LogicalAccessReport logicalAccess(
            @RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) List<String> system,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant asOf,
            @RequestParam(required = false) String mappingVersion,
            @RequestParam(required = false) @Min(0) @Max(10_000) Integer exceptionLimit) {
        Problems.requireOrdered(from, to);
        return logicalAccess.handle(new FindLogicalAccessReportQuery(from, to, scope(system), asOf,
                mappings.resolve(mappingVersion), limit(exceptionLimit)));
    }

    /** @param granularity {@code week} (ISO weeks) or {@code month}, both in UTC */
    @GetMapping("/dora")
    DoraReport dora(@RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
                    @RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
                    @RequestParam(required = false) List<String> service,
                    @RequestParam(required = false) List<String> environment,
                    @RequestParam(defaultValue = "week") String granularity,
                    @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant asOf) {
        Problems.requireOrdered(from, to);
        Granularity unit = Granularity.parse(granularity);
        int buckets = unit.buckets(from, to).size();
        if (buckets > Granularity.MAX_BUCKETS) {
            throw Problems.badParameter("to", "The period spans " + buckets + " " + unit.label()
                    + "s; a report holds at most " + Granularity.MAX_BUCKETS);
        }
        return dora.handle(new FindDoraMetricsQuery(from, to, scope(service), scope(environment), unit, asOf));
    }

    private int limit(Integer exceptionLimit) {
        return exceptionLimit == null ? properties.exceptionLimit() : exceptionLimit;
    }

    /** {@code service=a,b} and {@code service=a&service=b} alike; blanks are no scope. */
    private static List<String> scope(List<String> values) {
        return values == null ? List.of()
                : values.stream().map(String::strip).filter(value -> !value.isEmpty()).distinct().toList();
    }
}
