package io.changeledger.command.ingest.webhook;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The vendors' payloads as their documentation shows them ({@code src/test/resources/webhook}), and signatures
 * made the way the vendors make them. A test changes a copy of a payload where it needs its own service or
 * status, and signs exactly the bytes it sends.
 */
final class WebhookFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Base64 of 32 bytes, the key the tests' ledger encrypts webhook secrets with. */
    static final String SECRETS_KEY = "changeledger.sources.secrets-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private WebhookFixtures() {
    }

    static ObjectNode payload(String name) {
        try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhook/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture webhook/" + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode payload) {
        return JSON.writeValueAsBytes(payload);
    }

    static String gitHubSignature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(WebhookSignatures.hmac("HmacSHA256", utf8(secret), body));
    }

    static String terraformSignature(String secret, byte[] body) {
        return HexFormat.of().formatHex(WebhookSignatures.hmac("HmacSHA512", utf8(secret), body));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
