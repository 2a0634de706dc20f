package io.changeledger.command.publication;

import io.changeledger.events.wire.LedgerTopics;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the events topic at start-up and again before the first publication, so that a ChangeLedger
 * started while Kafka is down records changes and creates the topic once Kafka is back.
 */
@Component
class TopicProvisioner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaClients clients;
    private volatile boolean ensured;

    TopicProvisioner(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            ensureTopic();
        } catch (RuntimeException e) {
            log.warn("Kafka is not reachable at start-up; events are kept in the event store and "
                    + "published when it is", e);
        }
    }

    void ensureTopic() {
        if (!ensured) {
            try (Admin admin = clients.admin()) {
                LedgerTopics.ensure(admin, clients.settings().eventsTopic());
            }
            ensured = true;
        }
    }
}
