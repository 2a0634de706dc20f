package io.changeledger.query.config;

import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the query side writes to its log, and what its database errors say, carry no e-mail address of an event. */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataOutOfLogsIntegrationTest extends LedgerApiIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataOutOfLogsIntegrationTest.class);

    @Autowired
    private JdbcClient jdbc;

    @Test
    void masksEmailAddressesInLogLinesAndTheirStackTraces(CapturedOutput output) {
        log.warn("evidence asked for by auditor ivan@audit-firm.example", new IllegalStateException(
                "grant of dave.jones@corp.example.org not found"));

        assertThat(output.getAll()).doesNotContain("ivan@audit-firm.example", "dave.jones@corp.example.org")
                .contains("evidence asked for by auditor <e-mail>",
                        "IllegalStateException: grant of <e-mail> not found",
                        "at io.changeledger.query.config.PersonalDataOutOfLogsIntegrationTest");
    }

    @Test
    void keepsTheRowOutOfTheMessageOfADatabaseError() {
        // a schema of the test's own, which no projection, rebuild or count of the application's tables sees
        jdbc.sql("create schema if not exists probe").update();
        jdbc.sql("create table if not exists probe.person (email text primary key)").update();
        String email = "erin-" + UUID.randomUUID() + "@example.com";
        jdbc.sql("insert into probe.person (email) values (?)").param(email).update();

        // PostgreSQL's detail would say: Key (email)=(erin-…@example.com) already exists.
        assertThatThrownBy(() -> jdbc.sql("insert into probe.person (email) values (?)").param(email).update())
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("duplicate key value violates unique constraint")
                .hasMessageNotContaining(email);
    }

    @Test
    void logsATokensIssueAndRevocationWithoutTheNameOfItsHolder(CapturedOutput output) {
        String holder = "Ivan Petrovich Sidorov " + UUID.randomUUID();
        JsonNode issued = api.post().uri("/api/v1/admin/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"" + holder + "\",\"role\":\"auditor\"}").retrieve().body(JsonNode.class);
        String id = issued.get("id").asString();
        api.post().uri("/api/v1/admin/tokens/" + id + "/revocation").contentType(MediaType.APPLICATION_JSON)
                .body("{}").retrieve().toBodilessEntity();

        assertThat(output.getAll()).contains("API token " + id + " issued with role AUDITOR",
                "API token " + id + " revoked").doesNotContain(holder);
    }
}
