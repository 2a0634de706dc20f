package io.changeledger.command.ingest;

import io.changeledger.command.source.Source;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The batch API: many events in one request, as a JSON array or as NDJSON (one JSON object a line). Each item is
 * recorded, recognised as a duplicate of an earlier item with the same source and idempotency key, or rejected
 * with its reason; the good items of a batch are recorded whatever the bad ones are.
 */
@RestController
class IngestController {

    static final String NDJSON = "application/x-ndjson";

    private final Ingestion ingestion;
    private final SourceAuthentication authentication;
    private final IngestProperties properties;
    private final JsonMapper json;

    IngestController(Ingestion ingestion, SourceAuthentication authentication, IngestProperties properties,
                     JsonMapper json) {
        this.ingestion = ingestion;
        this.authentication = authentication;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/events", consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON},
            produces = MediaType.APPLICATION_JSON_VALUE)
    BatchResult ingest(HttpServletRequest request) throws IOException {
        Source source = authentication.bearer(request);
        byte[] body = RequestBodies.read(request, properties.maxSize());
        List<JsonNode> items = MediaType.parseMediaType(request.getContentType()).isCompatibleWith(
                MediaType.APPLICATION_JSON) ? array(body) : lines(body);
        RequestBodies.requireBatchOfAtMost(properties.maxItems(), items.size());
        authentication.admit(source, items.size());
        IngestResult[] results = new IngestResult[items.size()];
        List<Ingestion.Sent> parsedItems = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            NativeItems.Parsed parsed = NativeItems.parse(items.get(i), source.name());
            if (parsed.item() == null) {
                results[i] = IngestResult.rejected(i, parsed.rejection());
            } else {
                parsedItems.add(new Ingestion.Sent(source, i, parsed.item()));
            }
        }
        List<IngestResult> recorded = ingestion.ingestAll(parsedItems);
        for (int i = 0; i < parsedItems.size(); i++) {
            results[parsedItems.get(i).index()] = recorded.get(i);
        }
        return BatchResult.of(Arrays.asList(results));
    }

    private List<JsonNode> array(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid request", "The body is not JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid request", "A JSON batch is an array of events; send "
                    + NDJSON + " for one event a line");
        }
        List<JsonNode> items = new ArrayList<>();
        root.forEach(items::add);
        return items;
    }

    /** A line that is not JSON is one rejected item: the lines around it are still good events. */
    private List<JsonNode> lines(byte[] body) {
        List<JsonNode> items = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                items.add(json.readTree(line));
            } catch (JacksonException e) {
                items.add(null);
            }
        }
        return items;
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        return SourceAuthentication.Problems.of(status, title, detail);
    }

    /** The result of every item, in the batch's order, and how many of each kind. */
    record BatchResult(int recorded, int duplicates, int rejected, List<IngestResult> results) {

        static BatchResult of(List<IngestResult> results) {
            return new BatchResult(count(results, IngestResult.Status.RECORDED),
                    count(results, IngestResult.Status.DUPLICATE), count(results, IngestResult.Status.REJECTED),
                    results);
        }

        private static int count(List<IngestResult> results, IngestResult.Status status) {
            return (int) results.stream().filter(result -> result.status() == status).count();
        }
    }
}
