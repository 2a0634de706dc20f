package io.changeledger.command.publication;

import io.changeledger.command.TestCredentials;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.changeledger.command.Infrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.client.RestClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka stops while deployments are recorded. They must wait in the event store and, once Kafka is back,
 * reach the topic in order and exactly once.
 */
@org.springframework.context.annotation.Import(KafkaOutageIntegrationTest.RestartableKafka.class)
// no source registered at start-up: the topic must hold the test's deployments and nothing else
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"changeledger.kafka.request-timeout=3s", "changeledger.sources.query-side="})
class KafkaOutageIntegrationTest {

    private static final String TOPIC = "changeledger.events";

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaContainer kafka;

    @Test
    void publishesEveryDeploymentRecordedDuringAnOutageExactlyOnceWhenKafkaIsBack() {
        RestClient api = TestCredentials.client(port);
        List<String> before = record(api, "before-outage", 5);
        LedgerTopicReader.readUntil(kafka.getBootstrapServers(), TOPIC,
                received -> keys(received).containsAll(before), Duration.ofSeconds(30));

        var docker = DockerClientFactory.instance().client();
        docker.stopContainerCmd(kafka.getContainerId()).exec();
        List<String> during = record(api, "during-outage", 20);
        docker.startContainerCmd(kafka.getContainerId()).exec();
        List<String> after = record(api, "after-outage", 5);

        List<String> all = new ArrayList<>(before);
        all.addAll(during);
        all.addAll(after);
        var received = LedgerTopicReader.readUntil(kafka.getBootstrapServers(), TOPIC,
                records -> keys(records).containsAll(all), Duration.ofSeconds(120));

        Map<String, Long> copies = received.stream()
                .collect(Collectors.groupingBy(LedgerTopicReader.Received::key, Collectors.counting()));
        assertThat(copies).hasSize(all.size()).allSatisfy((key, count) -> assertThat(count).as(key).isOne());
        assertThat(received.stream().map(r -> r.envelope().eventId()).distinct()).hasSize(all.size());
        // the event store's order is kept within each partition
        received.stream().collect(Collectors.groupingBy(LedgerTopicReader.Received::partition)).values()
                .forEach(partition -> assertThat(partition.stream()
                        .sorted(Comparator.comparingLong(LedgerTopicReader.Received::offset))
                        .map(r -> r.envelope().globalSequence()).toList()).isSorted());
    }

    private static List<String> record(RestClient api, String version, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<?, ?> body = api.post().uri("/api/v1/changes/deployments").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("service", "svc-" + i, "environment", "staging", "version", version,
                            "actor", "alice"))
                    .retrieve().body(Map.class);
            ids.add((String) body.get("id"));
        }
        return ids;
    }

    private static Set<String> keys(List<LedgerTopicReader.Received> received) {
        return received.stream().map(LedgerTopicReader.Received::key).collect(Collectors.toSet());
    }

    /** Kafka on a fixed host port, so that clients find it again at the same address after a restart. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RestartableKafka {

        @Bean
        @ServiceConnection
        PostgreSQLContainer postgres() {
            return Infrastructure.newPostgres();
        }

        @Bean
        KafkaContainer kafka() {
            int hostPort = Infrastructure.freePort();
            return new KafkaContainer(Infrastructure.kafkaImage())
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                            new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(9092))));
        }

        @Bean
        DynamicPropertyRegistrar kafkaBootstrapServers(KafkaContainer kafka) {
            return Infrastructure.bootstrapServersOf(kafka);
        }
    }
}
