package io.changeledger.query.audit;

import io.changeledger.events.token.ApiTokenFirstUsed;
import io.changeledger.events.token.ApiTokenIssued;
import io.changeledger.events.token.ApiTokenRevoked;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who could read or write the ledger, and when: the API tokens of both sides from their ledger events. */
class ApiTokenHistoryIntegrationTest extends LedgerApiIntegrationTest {

    private static final Instant ISSUED = Instant.parse("2026-10-01T09:00:00Z");
    private static final Instant USED = Instant.parse("2026-10-01T09:30:00Z");
    private static final Instant REVOKED = Instant.parse("2026-10-15T17:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-30T09:00:00Z");

    @Test
    void showsEachTokensIssueFirstUseAndRevocationAndWhoHeldOneAtAMoment() throws Exception {
        String holder = "ivan-" + newId();
        String revokedToken = newId();
        String liveToken = newId();
        LedgerEnvelope issued = send(new ApiTokenIssued(revokedToken, "query-side", holder, "AUDITOR", "root",
                ISSUED, EXPIRES));
        send(new ApiTokenFirstUsed(revokedToken, "query-side", USED));
        LedgerEnvelope revocation = send(new ApiTokenRevoked(revokedToken, "query-side", "root", REVOKED));
        // Kafka may deliver a record again: the history stays as it was
        send(revocation);
        send(new ApiTokenIssued(liveToken, "command-side", holder, "COMPLIANCE", "root", REVOKED.plusSeconds(60),
                EXPIRES));

        JsonNode all = await("/api/v1/audit/tokens?name=" + holder, tokens -> tokens.size() == 2
                && !tokens.get(0).path("revokedAt").isNull() && !tokens.get(0).path("revokedAt").isMissingNode());

        JsonNode first = all.get(0);
        assertThat(first.get("tokenId").asString()).isEqualTo(revokedToken);
        assertThat(first.get("api").asString()).isEqualTo("query-side");
        assertThat(first.get("role").asString()).isEqualTo("AUDITOR");
        assertThat(first.get("issuedBy").asString()).isEqualTo("root");
        assertThat(Instant.parse(first.get("issuedAt").asString())).isEqualTo(ISSUED);
        assertThat(Instant.parse(first.get("firstUsedAt").asString())).isEqualTo(USED);
        assertThat(Instant.parse(first.get("revokedAt").asString())).isEqualTo(REVOKED);
        assertThat(first.get("revokedBy").asString()).isEqualTo("root");
        assertThat(first.get("issuedEventId").asString()).isEqualTo(issued.eventId().toString());
        assertThat(all.get(1).get("api").asString()).isEqualTo("command-side");

        assertThat(tokenIds("/api/v1/audit/tokens?name=" + holder + "&activeAt=2026-10-10T00:00:00Z"))
                .containsExactly(revokedToken);
        assertThat(tokenIds("/api/v1/audit/tokens?name=" + holder + "&activeAt=2026-11-01T00:00:00Z"))
                .containsExactly(liveToken);
        assertThat(tokenIds("/api/v1/audit/tokens?name=" + holder + "&activeAt=2026-12-31T00:00:00Z")).isEmpty();
        assertThat(tokenIds("/api/v1/audit/tokens?name=" + holder + "&api=command-side"))
                .containsExactly(liveToken);
    }

    private List<String> tokenIds(String path) {
        return texts(ok(path), "tokenId");
    }
}
