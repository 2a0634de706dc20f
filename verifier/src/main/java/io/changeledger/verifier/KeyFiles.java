package io.changeledger.verifier;

import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.TrustedKey;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys an auditor trusts, from a file: PEM with one or more "PUBLIC KEY" blocks (each valid at any time), or
 * a JSON key ring {@code {"keys":[{"publicKey":"-----BEGIN PUBLIC KEY-----...","validFrom":"...",
 * "validUntil":"..."}]}} whose validity bounds are optional.
 */
final class KeyFiles {

    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\\s]+-----END PUBLIC KEY-----");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KeyFiles() {
    }

    /** @throws IllegalArgumentException if the file holds no key, or a key or a date that cannot be read */
    static List<TrustedKey> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<TrustedKey> keys = text.strip().startsWith("{") ? ring(text) : pem(text);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no public key");
        }
        return keys;
    }

    private static List<TrustedKey> pem(String text) {
        List<TrustedKey> keys = new ArrayList<>();
        Matcher block = PUBLIC_KEY.matcher(text);
        while (block.find()) {
            keys.add(new TrustedKey(LedgerKeys.publicKey(block.group()), null, null));
        }
        return keys;
    }

    private static List<TrustedKey> ring(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the key ring is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode keys = root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new IllegalArgumentException("a key ring is {\"keys\":[...]}");
        }
        List<TrustedKey> trusted = new ArrayList<>();
        for (JsonNode key : keys) {
            JsonNode pem = key.get("publicKey");
            if (pem == null || !pem.isString()) {
                throw new IllegalArgumentException("every key of the ring has a \"publicKey\" in PEM");
            }
            trusted.add(new TrustedKey(LedgerKeys.publicKey(pem.stringValue()), instant(key, "validFrom"),
                    instant(key, "validUntil")));
        }
        return trusted;
    }

    private static Instant instant(JsonNode key, String field) {
        JsonNode value = key.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not an ISO-8601 instant: " + value, e);
        }
    }
}
