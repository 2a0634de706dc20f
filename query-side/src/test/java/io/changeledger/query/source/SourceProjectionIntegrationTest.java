package io.changeledger.query.source;

import io.changeledger.events.source.SourceDisabled;
import io.changeledger.events.source.SourceGapDetected;
import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceRegistered;
import io.changeledger.events.source.SourceScope;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SourceProjectionIntegrationTest extends LedgerApiIntegrationTest {

    private static final String SAMPLE_SOURCE = "argo-prod";

    @Test
    void projectsARegistrationWithItsScopeInOrder() throws Exception {
        String name = "argo-" + newId();
        sendSample("SourceRegistered-1", SAMPLE_SOURCE, name);

        JsonNode source = await("/api/v1/sources/" + name, answer -> true);

        assertThat(source.get("name").asString()).isEqualTo(name);
        assertThat(source.get("kind").asString()).isEqualTo("API");
        assertThat(texts(source.get("scope").get("types"))).containsExactly("change.*", "deployment.recorded");
        assertThat(texts(source.get("scope").get("systems"))).containsExactly("checkout", "payments");
        assertThat(source.get("ratePerSecond").asInt()).isEqualTo(200);
        assertThat(source.get("description").asString()).isEqualTo("Argo CD of the production cluster");
        assertThat(source.get("registeredBy").asString()).isEqualTo("admin");
        assertThat(source.get("registeredAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(source.get("recordedAt").asString()).isEqualTo("2026-11-26T10:00:00.250Z");
        assertThat(source.get("disabled").asBoolean()).isFalse();
        assertThat(source.get("gapCount").asLong()).isZero();
        assertThat(source.get("missingEvents").asLong()).isZero();
        assertThat(source.has("lastGapAt")).isFalse();
        assertThat(source.has("credentialsRotatedAt")).isFalse();
    }

    @Test
    void projectsEveryEventOfASourceUntilItIsDisabled() throws Exception {
        String name = "argo-" + newId();
        for (String sample : List.of("SourceRegistered-1", "SourceCredentialsRotated-1", "SourceScopeChanged-1",
                "SourceDisabled-1", "SourceGapDetected-1")) {
            sendSample(sample, SAMPLE_SOURCE, name);
        }

        JsonNode source = await("/api/v1/sources/" + name, answer -> answer.get("gapCount").asLong() > 0);

        assertThat(source.get("scope").get("types")).as("the scope changed to everything").isEmpty();
        assertThat(source.get("scope").get("systems")).isEmpty();
        assertThat(source.get("ratePerSecond").asInt()).isEqualTo(500);
        assertThat(source.get("scopeChangedBy").asString()).isEqualTo("admin");
        assertThat(source.get("scopeChangedAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(source.get("credentialsRotatedBy").asString()).isEqualTo("admin");
        assertThat(source.get("credentialsRotatedAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(source.get("disabled").asBoolean()).isTrue();
        assertThat(source.get("disabledAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(source.get("disabledBy").asString()).isEqualTo("admin");
        assertThat(source.get("disableReason").asString()).isEqualTo("cluster decommissioned");
        assertThat(source.get("gapCount").asLong()).isEqualTo(1);
        assertThat(source.get("missingEvents").asLong()).as("41, 42 and 43 never arrived").isEqualTo(3);
        assertThat(source.get("lastGapAt").asString()).isEqualTo("2026-11-26T10:00:00Z");

        JsonNode gap = ok("/api/v1/sources/gaps?source=" + name).get("items").get(0);
        assertThat(gap.get("source").asString()).isEqualTo(name);
        assertThat(gap.get("expectedSequence").asLong()).isEqualTo(41);
        assertThat(gap.get("receivedSequence").asLong()).isEqualTo(44);
        assertThat(gap.get("missingCount").asLong()).isEqualTo(3);
        assertThat(gap.get("detectedAt").asString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(gap.has("eventId")).isTrue();
    }

    @Test
    void countsAGapThatReachedTheReadModelBeforeTheRegistration() throws Exception {
        String name = "early-" + newId();
        send(new SourceGapDetected(name, 10, 12, at("2033-01-02T00:00:00Z")));
        send(registration(name, at("2033-01-01T00:00:00Z")));

        JsonNode source = await("/api/v1/sources/" + name, answer -> true);

        assertThat(source.get("gapCount").asLong()).isEqualTo(1);
        assertThat(source.get("missingEvents").asLong()).isEqualTo(2);
    }

    @Test
    void countsAGapDeliveredTwiceOnce() throws Exception {
        String name = "twice-" + newId();
        send(registration(name, at("2033-02-01T00:00:00Z")));
        LedgerEnvelope gap = envelope(new SourceGapDetected(name, 1, 5, at("2033-02-02T00:00:00Z")), Instant.now());
        send(gap);
        send(gap);
        // the same key keeps the order: once the source is disabled, both copies of the gap have been consumed
        send(new SourceDisabled(name, "admin", "done", at("2033-02-03T00:00:00Z")));

        JsonNode source = await("/api/v1/sources/" + name, answer -> answer.get("disabled").asBoolean());

        assertThat(source.get("gapCount").asLong()).isEqualTo(1);
        assertThat(source.get("missingEvents").asLong()).isEqualTo(4);
        assertThat(ok("/api/v1/sources/gaps?source=" + name).get("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstDisablingOfASource() throws Exception {
        String name = "disabled-" + newId();
        send(registration(name, at("2033-03-01T00:00:00Z")));
        send(new SourceDisabled(name, "admin", "compromised token", at("2033-03-02T00:00:00Z")));
        send(new SourceDisabled(name, "bob", "again, to be sure", at("2033-03-03T00:00:00Z")));
        send(new SourceGapDetected(name, 1, 2, at("2033-03-04T00:00:00Z")));

        JsonNode source = await("/api/v1/sources/" + name, answer -> answer.get("gapCount").asLong() > 0);

        assertThat(source.get("disabledBy").asString()).isEqualTo("admin");
        assertThat(source.get("disableReason").asString()).isEqualTo("compromised token");
        assertThat(source.get("disabledAt").asString()).isEqualTo("2033-03-02T00:00:00Z");
    }

    static SourceRegistered registration(String name, Instant at) {
        return new SourceRegistered(name, SourceKind.GITHUB, new SourceScope(Set.of("deployment.*"), Set.of()), 50,
                null, "admin", at);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
