package io.changeledger.command.config;

import io.changeledger.command.HttpApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DuplicateKeyException;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the command side writes to its log, and what its database errors say, carry no e-mail address of an event. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataOutOfLogsIntegrationTest extends HttpApiTest {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataOutOfLogsIntegrationTest.class);

    @Test
    void masksEmailAddressesInLogLinesAndTheirStackTraces(CapturedOutput output) {
        log.warn("change reported by alice@example.com", new IllegalStateException(
                "approver bob.smith@corp.example.org may not approve"));

        assertThat(output.getAll()).doesNotContain("alice@example.com", "bob.smith@corp.example.org")
                .contains("change reported by <e-mail>",
                        "IllegalStateException: approver <e-mail> may not approve",
                        "at io.changeledger.command.config.PersonalDataOutOfLogsIntegrationTest");
    }

    @Test
    void keepsTheRowOutOfTheMessageOfADatabaseError() {
        // a schema of the test's own, which no projection, rebuild or count of the application's tables sees
        jdbc.sql("create schema if not exists probe").update();
        jdbc.sql("create table if not exists probe.person (email text primary key)").update();
        String email = "carol-" + UUID.randomUUID() + "@example.com";
        jdbc.sql("insert into probe.person (email) values (?)").param(email).update();

        // PostgreSQL's detail would say: Key (email)=(carol-…@example.com) already exists.
        assertThatThrownBy(() -> jdbc.sql("insert into probe.person (email) values (?)").param(email).update())
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("duplicate key value violates unique constraint")
                .hasMessageNotContaining(email);
    }
}
