package io.changeledger.command.publication;

import io.changeledger.command.Infrastructure;
import io.changeledger.events.wire.LedgerTopics;
import io.changeledger.events.wire.LedgerTopics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Both apps make the checkpoints topic at start-up, and in the embedded mode they start together: whoever loses the
 * race is told the topic exists by the controller while the broker it asks next may not know it yet.
 */
class LedgerTopicsIntegrationTest {

    private static final int CONTENDERS = 8;
    private static final int TOPICS = 60;

    private static KafkaContainer kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaContainer(Infrastructure.kafkaImage());
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.stop();
    }

    @Test
    void ensuresATopicThatOthersCreateAtTheSameMoment() throws Exception {
        List<Admin> admins = new ArrayList<>();
        ExecutorService contenders = Executors.newFixedThreadPool(CONTENDERS);
        try {
            for (int i = 0; i < CONTENDERS; i++) {
                admins.add(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.getBootstrapServers())));
            }
            for (int t = 0; t < TOPICS; t++) {
                TopicSpec topic = new TopicSpec("contended-" + t, 6, (short) 1, -1, 1);
                CyclicBarrier start = new CyclicBarrier(CONTENDERS);
                List<Future<?>> attempts = new ArrayList<>();
                for (Admin admin : admins) {
                    attempts.add(contenders.submit(() -> {
                        start.await();
                        LedgerTopics.ensure(admin, topic);
                        return null;
                    }));
                }
                for (Future<?> attempt : attempts) {
                    attempt.get();
                }
            }
        } finally {
            contenders.shutdownNow();
            admins.forEach(Admin::close);
        }
    }
}
