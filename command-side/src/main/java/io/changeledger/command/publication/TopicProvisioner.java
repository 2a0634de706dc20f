package io.changeledger.command.publication;

import io.changeledger.events.wire.LedgerTopics;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.stereotype.Component;

/**
 * Creates the events topic before the publisher's first use of Kafka, so that a ChangeLedger started while
 * Kafka is down records changes and creates the topic once Kafka is back.
 */
@Component
class TopicProvisioner {

    private final KafkaClients clients;
    private volatile boolean ensured;

    TopicProvisioner(KafkaClients clients) {
        this.clients = clients;
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
