package io.changeledger.command.ingest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * The HTTP answer to one event sent on its own (a CloudEvent, a webhook delivery): its result when it was recorded
 * or was a duplicate, else a problem whose status says whether sending it again can help.
 */
public final class IngestAnswers {

    private IngestAnswers() {
    }

    public static ResponseEntity<IngestResult> of(IngestResult result) {
        return switch (result.status()) {
            case RECORDED -> ResponseEntity.status(Boolean.TRUE.equals(result.existing()) ? HttpStatus.OK
                    : HttpStatus.CREATED).body(result);
            case DUPLICATE -> ResponseEntity.ok(result);
            case REJECTED -> throw problem(result);
        };
    }

    public static ErrorResponseException problem(IngestResult rejected) {
        HttpStatus status = switch (rejected.rejection()) {
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case OUT_OF_SCOPE -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        String title = switch (rejected.rejection()) {
            case INVALID -> "Invalid event";
            case OUT_OF_SCOPE -> "Outside the source's scope";
            case CONFLICT -> "Event refused";
            case UNAVAILABLE -> "Not recorded now";
        };
        ErrorResponseException problem = SourceAuthentication.Problems.of(status, title, rejected.reason());
        if (rejected.errors() != null) {
            problem.getBody().setProperty("errors", rejected.errors());
        }
        return problem;
    }
}
