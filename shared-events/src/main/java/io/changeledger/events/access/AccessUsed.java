package io.changeledger.events.access;

import io.changeledger.events.Require;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Tooling reported a session that used the grant. A session may be reported when it starts and again when it
 * ends; the second report carries {@code endedAt}.
 *
 * @param endedAt absent while the session is open
 */
@Revision("1")
public record AccessUsed(String grantId, String sessionId, Instant startedAt, Instant endedAt, String sourceSystem,
                         Instant occurredAt) implements AccessEvent {

    public AccessUsed {
        Require.text(grantId, "grantId");
        Require.text(sessionId, "sessionId");
        Require.present(startedAt, "startedAt");
        if (endedAt != null && endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("endedAt must not be before startedAt");
        }
        Require.text(sourceSystem, "sourceSystem");
        Require.present(occurredAt, "occurredAt");
    }
}
