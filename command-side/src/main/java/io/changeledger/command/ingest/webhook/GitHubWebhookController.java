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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * GitHub webhooks ({@code deployment}, {@code deployment_status}, and the {@code ping} GitHub sends when a hook is
 * set up), signed with {@code X-Hub-Signature-256}. The delivery's GUID is the idempotency key: a redelivery
 * carries the same one and records nothing more.
 */
@RestController
class GitHubWebhookController {

    static final String SIGNATURE = "X-Hub-Signature-256";
    static final String EVENT = "X-GitHub-Event";
    static final String DELIVERY = "X-GitHub-Delivery";

    private static final String FORM_FIELD = "payload=";

    private final Webhooks webhooks;

    GitHubWebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/api/v1/webhooks/github/{source}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> deliver(@PathVariable("source") String name, HttpServletRequest request) throws IOException {
        byte[] body = webhooks.body(request);
        String signature = request.getHeader(SIGNATURE);
        if (signature == null) {
            throw Webhooks.unsigned("Set the hook's secret, so that GitHub signs each delivery with " + SIGNATURE);
        }
        Source source = webhooks.source(name, SourceKind.GITHUB).orElseThrow(() -> Webhooks.unverified(SIGNATURE));
        if (!WebhookSignatures.gitHub(webhooks.secret(source), body, signature)) {
            throw Webhooks.unverified(SIGNATURE);
        }
        String event = header(request, EVENT);
        String delivery = header(request, DELIVERY);
        JsonNode payload = webhooks.parse(json(request, body));
        if (event.equals("ping")) {
            JsonNode hookId = payload.path("hook_id");
            JsonNode zen = payload.path("zen");
            return ResponseEntity.ok(new WebhookAnswer(WebhookAnswer.Status.ACKNOWLEDGED, event,
                    "the hook reaches source '" + source.name() + "'",
                    hookId.isIntegralNumber() && hookId.canConvertToLong() ? hookId.asLong() : null,
                    zen.isString() ? zen.stringValue() : null));
        }
        Translation translation;
        try {
            translation = GitHubDeployments.translate(event, delivery, payload);
        } catch (InvalidPayloadException e) {
            throw Webhooks.invalid(e);
        }
        if (!translation.recorded()) {
            return WebhookAnswer.ignored(event, translation.ignored());
        }
        return webhooks.record(source, delivery, translation);
    }

    /**
     * The JSON of the delivery: the body itself, or the {@code payload} field of the form GitHub posts when the
     * hook's content type is {@code application/x-www-form-urlencoded}.
     */
    private static byte[] json(HttpServletRequest request, byte[] body) {
        String contentType = request.getContentType();
        if (contentType == null || !MediaType.parseMediaType(contentType)
                .isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return body;
        }
        for (String field : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (field.startsWith(FORM_FIELD)) {
                try {
                    return URLDecoder.decode(field.substring(FORM_FIELD.length()), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw Webhooks.badRequest("The form field 'payload' is not URL-encoded: " + e.getMessage());
                }
            }
        }
        throw Webhooks.badRequest("A form-encoded GitHub delivery carries its JSON in the field 'payload', and"
                + " this one has none");
    }

    private static String header(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            throw Webhooks.badRequest("The " + name + " header is missing: GitHub sends it with every delivery");
        }
        return value.trim();
    }
}
