package io.changeledger.command.publication;

import io.changeledger.command.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The first deployment must not wait for the publisher's handshakes with Kafka: they happen at start-up. */
// no source registered at start-up: the event store must be empty when the test looks
@SpringBootTest(properties = {"changeledger.kafka.transactional-id=publisher-startup-check",
        "changeledger.sources.query-side="})
@Import(Infrastructure.class)
class PublisherStartupIntegrationTest {

    @Autowired
    private KafkaContainer kafka;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void connectsThePublisherToKafkaBeforeTheFirstEvent() throws Exception {
        assertThat(jdbc.sql("select count(*) from command.domainevententry").query(Long.class).single()).isZero();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("changeledger.events");
            assertThat(admin.listTransactions().all().get()).extracting(TransactionListing::transactionalId)
                    .contains("publisher-startup-check");
        }
    }
}
