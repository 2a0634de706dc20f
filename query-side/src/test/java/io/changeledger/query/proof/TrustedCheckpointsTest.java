package io.changeledger.query.proof;

import io.changeledger.events.wire.CheckpointCodec;
import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.Hashes;
import io.changeledger.proof.LedgerKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** With trusted keys configured, a validly signed checkpoint of any other key is kept but never compared. */
@SpringBootTest(classes = {Checkpoints.class, StoredNodes.class, TrustedCheckpointsTest.Configured.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ImportAutoConfiguration({ServiceConnectionAutoConfiguration.class, DataSourceAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class})
class TrustedCheckpointsTest {

    private static final KeyPair TRUSTED = LedgerKeys.generate();
    private static final KeyPair STRANGER = LedgerKeys.generate();

    static class Configured {

        @Bean
        @ServiceConnection
        PostgreSQLContainer postgres() {
            return new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
        }

        @Bean
        TrustedKeys trustedKeys() {
            return TrustedKeys.from(LedgerKeys.pem(TRUSTED.getPublic()));
        }
    }

    @Autowired
    private Checkpoints checkpoints;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void keepsAStrangersCheckpointAsUntrustedAndComparesOnlyTheTrustedOne() {
        Checkpoint trusted = new CheckpointSigner("origin", TRUSTED.getPrivate(), TRUSTED.getPublic())
                .sign(0, Hashes.EMPTY_ROOT, Instant.now());
        Checkpoint stranger = new CheckpointSigner("origin", STRANGER.getPrivate(), STRANGER.getPublic())
                .sign(0, Hashes.EMPTY_ROOT, Instant.now());

        assertThat(checkpoints.receive(record(trusted, TRUSTED))).isEmpty();
        assertThat(checkpoints.receive(record(stranger, STRANGER))).isEmpty();
        assertThat(status(trusted)).isEqualTo("PENDING");
        assertThat(status(stranger)).isEqualTo("UNTRUSTED_KEY");

        checkpoints.compare(0, Hashes.EMPTY_ROOT);
        assertThat(status(trusted)).isEqualTo("VERIFIED");
        assertThat(status(stranger)).isEqualTo("UNTRUSTED_KEY");
    }

    private String status(Checkpoint checkpoint) {
        return jdbc.sql("select status from ledger_checkpoint where signature = ?").param(checkpoint.signature())
                .query(String.class).single();
    }

    private static ConsumerRecord<String, byte[]> record(Checkpoint checkpoint, KeyPair key) {
        ProducerRecord<String, byte[]> sent = new CheckpointCodec().toRecord("checkpoints", checkpoint, key.getPublic());
        return new ConsumerRecord<>("checkpoints", 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, sent.key(),
                sent.value(), sent.headers(), Optional.empty());
    }
}
