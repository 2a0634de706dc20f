package io.changeledger.command.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The answer to a delivery that records nothing: a vendor's test (a GitHub ping, a Terraform verification),
 * acknowledged with 200, or an event the ledger has no use for, accepted with 202 and the reason, which the
 * vendor shows in its delivery log.
 *
 * @param hookId for a GitHub ping, the hook that was set up
 * @param zen    for a GitHub ping, GitHub's saying of the day, to show the ping was read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookAnswer(Status status, String event, String reason, Long hookId, String zen) {

    enum Status { ACKNOWLEDGED, IGNORED }

    static ResponseEntity<WebhookAnswer> acknowledged(String event, String reason) {
        return ResponseEntity.ok(new WebhookAnswer(Status.ACKNOWLEDGED, event, reason, null, null));
    }

    static ResponseEntity<WebhookAnswer> ignored(String event, String reason) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new WebhookAnswer(Status.IGNORED, event, reason, null, null));
    }
}
