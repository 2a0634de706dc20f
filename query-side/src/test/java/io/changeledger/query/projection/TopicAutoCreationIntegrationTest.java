package io.changeledger.query.projection;

import io.changeledger.query.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.testcontainers.kafka.KafkaContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side may start before the command side has created the ledger topic. Its consumer must then
 * wait, and not let a broker that auto-creates topics make the topic with the broker's default retention.
 */
@SpringBootTest(properties = {
        "changeledger.kafka.events-topic=not-yet-created.events",
        "changeledger.kafka.group-id=waits-for-the-topic"})
@Import(Infrastructure.class)
class TopicAutoCreationIntegrationTest {

    @Autowired
    private KafkaContainer kafka;

    @Test
    void waitsForTheLedgerTopicInsteadOfHavingTheBrokerCreateIt() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBootstrapServers()))) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .noneMatch("waits-for-the-topic"::equals)) {
                assertThat(Instant.now()).as("the consumer joined its group").isBefore(deadline);
                Thread.sleep(200);
            }
            // the consumer has been polling, and asking for the topic's metadata, for a while
            Thread.sleep(3_000);
            assertThat(admin.listTopics().names().get()).doesNotContain("not-yet-created.events");
        }
    }
}
