package io.changeledger.query.export;

import io.changeledger.query.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Populations as export packages for auditors. The ZIP is streamed as the rows are read: its first bytes leave
 * before the last row is read, so a long export shows its progress as bytes arriving, against the row count that
 * {@code X-Export-Rows} announces. Written to the response's own stream, as the ledger dump is, so that no
 * asynchronous request timeout cuts a long export short.
 */
@RestController
@RequestMapping("/api/v1/exports")
class ExportController {

    static final String ROWS_HEADER = "X-Export-Rows";
    private static final String ZIP = "application/zip";

    private final Exports exports;

    ExportController(Exports exports) {
        this.exports = exports;
    }

    @GetMapping(path = "/changes", produces = {ZIP, "application/problem+json"})
    void changes(@RequestParam Instant from, @RequestParam Instant to,
                 @RequestParam(required = false) String service, @RequestParam(required = false) String environment,
                 @RequestParam(defaultValue = "csv") String format, HttpServletResponse response) throws IOException {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "service", service);
        put(filters, "environment", environment);
        export(new ExportRequest(Population.CHANGES, from, to, filters, format(format)), response);
    }

    @GetMapping(path = "/grants", produces = {ZIP, "application/problem+json"})
    void grants(@RequestParam Instant from, @RequestParam Instant to,
                @RequestParam(required = false) String system, @RequestParam(required = false) String principal,
                @RequestParam(defaultValue = "csv") String format, HttpServletResponse response) throws IOException {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "system", system);
        put(filters, "principal", principal);
        export(new ExportRequest(Population.GRANTS, from, to, filters, format(format)), response);
    }

    private void export(ExportRequest request, HttpServletResponse response) throws IOException {
        Problems.requireOrdered(request.from(), request.to());
        Exports.Plan plan = exports.plan(request);
        response.setContentType(ZIP);
        response.setHeader(ROWS_HEADER, Long.toString(plan.rows()));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(request.population().path() + "-" + request.format().parameter() + "-"
                        + plan.checkpoint().treeSize() + ".zip").build().toString());
        exports.write(plan, response.getOutputStream());
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null && !value.isBlank()) {
            filters.put(name, value);
        }
    }

    private static ExportFormat format(String format) {
        try {
            return ExportFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw Problems.badParameter("format", "'format' is one of csv, ndjson, json, pdf; got '" + format + "'");
        }
    }
}
