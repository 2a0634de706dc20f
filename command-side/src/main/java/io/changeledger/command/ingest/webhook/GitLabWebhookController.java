package io.changeledger.command.ingest.webhook;

import io.changeledger.command.source.Source;
import io.changeledger.events.source.SourceKind;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.io.IOException;

/**
 * GitLab webhooks: deployment events are recorded, every other event a hook may be subscribed to is accepted and
 * ignored. GitLab signs nothing; it sends the hook's secret token as it is, which is compared with the source's
 * kept hash.
 */
@RestController
class GitLabWebhookController {

    static final String TOKEN = "X-Gitlab-Token";
    static final String EVENT = "X-Gitlab-Event";
    static final String EVENT_UUID = "X-Gitlab-Event-UUID";

    private final Webhooks webhooks;

    GitLabWebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/api/v1/webhooks/gitlab/{source}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> deliver(@PathVariable("source") String name, HttpServletRequest request) throws IOException {
        byte[] body = webhooks.body(request);
        String token = request.getHeader(TOKEN);
        if (token == null) {
            throw Webhooks.unsigned("Set the hook's secret token, so that GitLab sends it as " + TOKEN);
        }
        Source source = webhooks.source(name, SourceKind.GITLAB).orElseThrow(() -> Webhooks.unverified(TOKEN));
        if (!webhooks.tokenMatches(source, token)) {
            throw Webhooks.unverified(TOKEN);
        }
        String event = request.getHeader(EVENT);
        if (!GitLabDeployments.EVENT.equals(event)) {
            return WebhookAnswer.ignored(event, "GitLab event '" + Reported.clip(String.valueOf(event), 100)
                    + "' is not recorded; the ledger records " + GitLabDeployments.EVENT + "s");
        }
        String eventUuid = request.getHeader(EVENT_UUID);
        if (eventUuid == null || eventUuid.isBlank()) {
            throw Webhooks.badRequest("The " + EVENT_UUID + " header is missing: GitLab sends it with every"
                    + " delivery, and the ledger knows a redelivery by it");
        }
        JsonNode payload = webhooks.parse(body);
        Translation translation;
        try {
            translation = GitLabDeployments.translate(payload);
        } catch (InvalidPayloadException e) {
            throw Webhooks.invalid(e);
        }
        if (!translation.recorded()) {
            return WebhookAnswer.ignored(event, translation.ignored());
        }
        return webhooks.record(source, GitLabDeployments.idempotencyKey(eventUuid.trim(), payload), translation);
    }
}
