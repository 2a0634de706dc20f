package io.changeledger.query.audit;

import io.changeledger.query.LedgerApiIntegrationTest;
import io.changeledger.query.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issuing a query-side API token, its first use and its revocation each go, through the outbox, to the command
 * side's ingest topic as an item of the query side's Kafka source, keyed by the token so that they stay in order.
 */
class TokenRecordsIntegrationTest extends LedgerApiIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private RestClient admin;

    @BeforeEach
    void ingestTopic() {
        IngestTopicReader.createTopic(kafka.getBootstrapServers());
        admin = TestCredentials.client(port);
    }

    @Test
    void sendsIssuingFirstUseAndRevocationOfATokenToTheLedgerOnceEachInOrder() throws InterruptedException {
        JsonNode issued = admin.post().uri("/api/v1/admin/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"ivan-" + newId() + "\",\"role\":\"auditor\",\"validFor\":\"P30D\"}")
                .retrieve().body(JsonNode.class);
        String tokenId = issued.get("id").asString();
        String secret = issued.get("token").asString();
        for (int i = 0; i < 2; i++) {
            assertThat(admin.get().uri("/api/v1/changes").headers(headers -> headers.setBearerAuth(secret))
                    .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        }
        admin.post().uri("/api/v1/admin/tokens/" + tokenId + "/revocation").contentType(MediaType.APPLICATION_JSON)
                .body("{}").retrieve().toBodilessEntity();

        List<IngestTopicReader.Sent> sent = IngestTopicReader.readUntil(kafka.getBootstrapServers(),
                read -> read.stream().filter(record -> tokenId.equals(record.key())).count() >= 3).stream()
                .filter(record -> tokenId.equals(record.key())).toList();

        assertThat(sent).extracting(record -> record.item().get("type").asString())
                .containsExactly("token.issued", "token.first-used", "token.revoked");
        assertThat(sent).extracting(IngestTopicReader.Sent::source).containsOnly("changeledger-query-side");
        assertThat(sent).extracting(record -> record.item().get("idempotencyKey").asString())
                .containsExactly(tokenId + "/token.issued", tokenId + "/token.first-used",
                        tokenId + "/token.revoked");
        JsonNode data = sent.get(0).data();
        assertThat(data.get("tokenId").asString()).isEqualTo(tokenId);
        assertThat(data.get("role").asString()).isEqualTo("AUDITOR");
        assertThat(data.get("issuedBy").asString()).isEqualTo("bootstrap-admin");
        assertThat(data.get("expiresAt").asString()).isEqualTo(issued.get("expiresAt").asString());
        assertThat(sent.get(2).data().get("revokedBy").asString()).isEqualTo("bootstrap-admin");
        assertThat(sent.toString()).as("the secret stays with its holder").doesNotContain(secret);
        assertThat(waitingInOutbox(tokenId)).as("sent items leave the outbox").isZero();
    }

    /** The sender deletes what Kafka acknowledged in a transaction that may still be open when it is read. */
    private long waitingInOutbox(String tokenId) throws InterruptedException {
        long waiting = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            waiting = jdbc.sql("select count(*) from ledger_item_outbox where record_key = ?").param(tokenId)
                    .query(Long.class).single();
            if (waiting == 0) {
                break;
            }
            Thread.sleep(250);
        }
        return waiting;
    }
}
