package io.changeledger.command.ingest.webhook;

import io.changeledger.command.ingest.IngestAnswers;
import io.changeledger.command.ingest.IngestItem;
import io.changeledger.command.ingest.IngestResult;
import io.changeledger.command.ingest.Ingestion;
import io.changeledger.command.ingest.RequestBodies;
import io.changeledger.command.ingest.SourceAuthentication;
import io.changeledger.command.ingest.SourceAuthentication.Problems;
import io.changeledger.command.source.Source;
import io.changeledger.command.source.SourceRegistry;
import io.changeledger.events.source.SourceKind;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every webhook endpoint does in the same order: read the raw body within its limit, find the source, and
 * only once the caller proved it is that source parse anything the body says; then record through the one
 * ingestion path every entry point takes.
 */
@Component
class Webhooks {

    /** No vendor's deployment or run event comes near this; a body past it is refused unread. */
    static final int MAX_BODY = 1024 * 1024;
    private static final DataSize MAX_SIZE = DataSize.ofBytes(MAX_BODY);

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final SourceRegistry sources;
    private final SourceAuthentication authentication;
    private final Ingestion ingestion;
    private final JsonMapper json;

    Webhooks(SourceRegistry sources, SourceAuthentication authentication, Ingestion ingestion, JsonMapper json) {
        this.sources = sources;
        this.authentication = authentication;
        this.ingestion = ingestion;
        this.json = json;
    }

    /** The body as sent, every byte of it, for the signature is over those bytes; 413 past the limit. */
    byte[] body(HttpServletRequest request) throws IOException {
        return RequestBodies.read(request, MAX_SIZE);
    }

    /** An enabled source of the kind the endpoint serves; a disabled or unknown one is never found. */
    Optional<Source> source(String name, SourceKind kind) {
        return sources.named(name, kind);
    }

    /** The secret the source signs with; 503 when it cannot be read, which only the ledger's operator can fix. */
    byte[] secret(Source source) {
        try {
            return sources.webhookSecret(source);
        } catch (RuntimeException e) {
            log.error("The webhook secret of source {} cannot be read; its deliveries are refused", source.name(),
                    e);
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Signature not checked", "The ledger cannot read"
                    + " the secret of source '" + source.name() + "' now; nothing was recorded");
        }
    }

    boolean tokenMatches(Source source, String token) {
        return sources.tokenMatches(source, token);
    }

    /** A verified body as JSON; 400 when it is none, or not the object every vendor sends. */
    JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw badRequest("The body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw badRequest("The body must be a JSON object");
        }
        return root;
    }

    /** Records one event and answers it as every single event is answered: 201, 200, or the rejection's problem. */
    ResponseEntity<IngestResult> record(Source source, String idempotencyKey, Translation translation) {
        authentication.admit(source, 1);
        return IngestAnswers.of(ingestion.ingest(source, 0, item(idempotencyKey, translation)));
    }

    /**
     * Records several events of one delivery, each on its own.
     *
     * @param items the key and translation of each event to record, by its index in the delivery
     */
    List<IngestResult> record(Source source, List<Keyed> items) {
        authentication.admit(source, items.size());
        List<IngestResult> results = new ArrayList<>(items.size());
        for (Keyed keyed : items) {
            results.add(ingestion.ingest(source, keyed.index(), item(keyed.idempotencyKey(), keyed.translation())));
        }
        return results;
    }

    /** @param index the event's position in the delivery, from 0 */
    record Keyed(int index, String idempotencyKey, Translation translation) {
    }

    private static IngestItem item(String idempotencyKey, Translation translation) {
        return new IngestItem(Reported.TYPE, idempotencyKey, null, translation.report());
    }

    /** Webhooks prove themselves by the vendor's signature or token, not by a bearer token. */
    private static final String CHALLENGE = "Webhook realm=\"changeledger\"";

    /**
     * The same answer for a source that does not exist, is disabled, or whose secret does not match: which of
     * them it was would tell a prober which source names are worth forging.
     */
    static ErrorResponseException unverified(String what) {
        return SourceAuthentication.unauthorized("The " + what + " does not prove the delivery came from an"
                + " enabled source of that name; nothing was recorded", CHALLENGE);
    }

    /** @param how what the vendor's hook needs, so that its deliveries carry the proof */
    static ErrorResponseException unsigned(String how) {
        return SourceAuthentication.unauthorized(how + "; nothing was recorded", CHALLENGE);
    }

    static ErrorResponseException invalid(InvalidPayloadException e) {
        ErrorResponseException problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid event",
                "Invalid fields: " + e.field());
        problem.getBody().setProperty("errors", List.of(new IngestResult.FieldError(e.field(), e.problem())));
        return problem;
    }

    static ErrorResponseException badRequest(String detail) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }
}
