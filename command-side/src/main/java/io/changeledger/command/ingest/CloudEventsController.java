package io.changeledger.command.ingest;

import io.changeledger.command.ingest.cloudevents.CloudEvent;
import io.changeledger.command.ingest.cloudevents.CloudEventException;
import io.changeledger.command.ingest.cloudevents.CloudEventItems;
import io.changeledger.command.ingest.cloudevents.HttpCloudEvents;
import io.changeledger.command.source.Source;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudEvents 1.0 over HTTP, in structured, batched and binary content mode: how Argo CD, Tekton, Keptn and other
 * CDEvents producers report. The source proves who it is with its bearer token, as on the batch API; the
 * CloudEvent's own {@code source} and {@code id} make its idempotency key.
 */
@RestController
class CloudEventsController {

    private final Ingestion ingestion;
    private final SourceAuthentication authentication;
    private final IngestProperties properties;

    CloudEventsController(Ingestion ingestion, SourceAuthentication authentication, IngestProperties properties) {
        this.ingestion = ingestion;
        this.authentication = authentication;
        this.properties = properties;
    }

    @PostMapping(path = "/api/v1/cloudevents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> ingest(HttpServletRequest request) throws IOException {
        Source source = authentication.bearer(request);
        byte[] body = RequestBodies.read(request, properties.maxSize());
        Map<String, List<String>> headers = headers(request);
        if (HttpCloudEvents.batched(headers)) {
            return ResponseEntity.ok(batch(source, body));
        }
        CloudEvent event;
        IngestItem item;
        try {
            event = HttpCloudEvents.single(headers, body);
            item = CloudEventItems.toItem(event);
        } catch (CloudEventException e) {
            throw invalid(e);
        }
        authentication.admit(source, 1);
        return IngestAnswers.of(ingestion.ingest(source, 0, item));
    }

    private IngestController.BatchResult batch(Source source, byte[] body) {
        List<HttpCloudEvents.Entry> entries;
        try {
            entries = HttpCloudEvents.batch(body);
        } catch (CloudEventException e) {
            throw invalid(e);
        }
        RequestBodies.requireBatchOfAtMost(properties.maxItems(), entries.size());
        authentication.admit(source, entries.size());
        List<IngestResult> results = new ArrayList<>(entries.size());
        for (HttpCloudEvents.Entry entry : entries) {
            results.add(ingest(source, entry));
        }
        return IngestController.BatchResult.of(results);
    }

    private IngestResult ingest(Source source, HttpCloudEvents.Entry entry) {
        if (!entry.ok()) {
            return IngestResult.rejected(entry.index(), entry.error().getMessage());
        }
        try {
            return ingestion.ingest(source, entry.index(), CloudEventItems.toItem(entry.event()));
        } catch (CloudEventException e) {
            return IngestResult.rejected(entry.index(), e.getMessage());
        }
    }

    private static ErrorResponseException invalid(CloudEventException e) {
        ErrorResponseException problem = SourceAuthentication.Problems.of(HttpStatus.BAD_REQUEST,
                "Invalid CloudEvent", e.getMessage());
        if (e.attribute() != null) {
            problem.getBody().setProperty("attribute", e.attribute());
        }
        return problem;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
