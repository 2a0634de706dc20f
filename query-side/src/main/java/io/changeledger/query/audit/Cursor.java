package io.changeledger.query.audit;

import io.changeledger.query.web.Problems;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The key of the last item of a page, by which the next page starts: Base64 (URL-safe) of
 * {@code <occurredAt>|<id>}. Opaque to clients, who only send back the {@code next} they were given.
 */
record Cursor(Instant occurredAt, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @return null for no cursor (the first page) */
    static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = key.indexOf('|');
            if (bar < 0 || bar == key.length() - 1) {
                throw invalid();
            }
            return new Cursor(Instant.parse(key.substring(0, bar)), key.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static RuntimeException invalid() {
        return Problems.badParameter("cursor", "Invalid cursor: send back the 'next' of the previous page as it was");
    }
}
