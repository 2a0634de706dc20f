package io.changeledger.command.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.changeledger.command.ingest.IngestAnswers;
import io.changeledger.command.ingest.IngestResult;
import io.changeledger.command.source.Source;
import io.changeledger.events.source.SourceKind;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * HCP Terraform / Terraform Enterprise notifications (destination type "generic"), signed with
 * {@code X-TFE-Notification-Signature}. A notification does not say which environment its workspace manages, so
 * the URL does: {@code ?environment=staging}; without it the environment is {@value #DEFAULT_ENVIRONMENT}, the
 * one a change ledger is for.
 */
@RestController
class TerraformWebhookController {

    static final String SIGNATURE = "X-TFE-Notification-Signature";
    static final String DEFAULT_ENVIRONMENT = "production";

    private final Webhooks webhooks;

    TerraformWebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/api/v1/webhooks/terraform/{source}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> deliver(@PathVariable("source") String name,
                              @RequestParam(name = "environment", defaultValue = DEFAULT_ENVIRONMENT)
                              String environment, HttpServletRequest request) throws IOException {
        byte[] body = webhooks.body(request);
        String signature = request.getHeader(SIGNATURE);
        if (signature == null) {
            throw Webhooks.unsigned("Set the notification's token, so that HCP Terraform signs each notification"
                    + " with " + SIGNATURE);
        }
        Source source = webhooks.source(name, SourceKind.TERRAFORM)
                .orElseThrow(() -> Webhooks.unverified(SIGNATURE));
        if (!WebhookSignatures.terraform(webhooks.secret(source), body, signature)) {
            throw Webhooks.unverified(SIGNATURE);
        }
        Payload payload = Payload.of(webhooks.parse(body));
        List<TerraformNotifications.Notification> notifications;
        try {
            String version = TerraformNotifications.otherVersion(payload);
            if (version != null) {
                return WebhookAnswer.ignored(null, "payload version " + Reported.clip(version, 20) + " is not"
                        + " read; the ledger records run notifications, payload version 1");
            }
            if (TerraformNotifications.verification(payload)) {
                return WebhookAnswer.acknowledged(TerraformNotifications.VERIFICATION, "notification configuration "
                        + payload.text("notification_configuration_id") + " reaches source '" + source.name() + "'");
            }
            notifications = TerraformNotifications.translate(payload, environment);
        } catch (InvalidPayloadException e) {
            throw Webhooks.invalid(e);
        }
        return answer(record(source, notifications));
    }

    private List<NotificationResult> record(Source source, List<TerraformNotifications.Notification> notifications) {
        List<Webhooks.Keyed> items = notifications.stream()
                .filter(notification -> notification.translation().recorded())
                .map(notification -> new Webhooks.Keyed(notification.index(), notification.idempotencyKey(),
                        notification.translation()))
                .toList();
        Iterator<IngestResult> recorded = items.isEmpty() ? List.<IngestResult>of().iterator()
                : webhooks.record(source, items).iterator();
        List<NotificationResult> results = new ArrayList<>(notifications.size());
        for (TerraformNotifications.Notification notification : notifications) {
            results.add(notification.translation().recorded()
                    ? NotificationResult.of(notification.trigger(), recorded.next())
                    : NotificationResult.ignored(notification.index(), notification.trigger(),
                    notification.translation().ignored()));
        }
        return results;
    }

    /**
     * 200 when anything was recorded (or had been); the rejection's problem when every notification to record
     * was rejected, so that HCP Terraform shows the delivery as failed; 202 when there was nothing to record.
     */
    private static ResponseEntity<Answer> answer(List<NotificationResult> results) {
        Answer answer = Answer.of(results);
        if (answer.recorded() + answer.duplicates() > 0) {
            return ResponseEntity.ok(answer);
        }
        if (answer.rejected() > 0) {
            NotificationResult first = results.stream().filter(result -> result.status() == Status.REJECTED)
                    .findFirst().orElseThrow();
            throw IngestAnswers.problem(new IngestResult(first.index(), IngestResult.Status.REJECTED, null, null,
                    first.rejection(), first.reason(), first.errors()));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    /** What became of each notification of the delivery, in its order, and how many of each kind. */
    record Answer(int recorded, int duplicates, int rejected, int ignored, List<NotificationResult> results) {

        static Answer of(List<NotificationResult> results) {
            return new Answer(count(results, Status.RECORDED), count(results, Status.DUPLICATE),
                    count(results, Status.REJECTED), count(results, Status.IGNORED), results);
        }

        private static int count(List<NotificationResult> results, Status status) {
            return (int) results.stream().filter(result -> result.status() == status).count();
        }
    }

    enum Status { RECORDED, DUPLICATE, REJECTED, IGNORED }

    /** One notification's result: an ingestion's, or the reason it records nothing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotificationResult(int index, String trigger, Status status, String id, Boolean existing,
                              IngestResult.Rejection rejection, String reason,
                              List<IngestResult.FieldError> errors) {

        static NotificationResult of(String trigger, IngestResult result) {
            return new NotificationResult(result.index(), trigger, Status.valueOf(result.status().name()),
                    result.id(), result.existing(), result.rejection(), result.reason(), result.errors());
        }

        static NotificationResult ignored(int index, String trigger, String reason) {
            return new NotificationResult(index, trigger, Status.IGNORED, null, null, null, reason, null);
        }
    }
}
