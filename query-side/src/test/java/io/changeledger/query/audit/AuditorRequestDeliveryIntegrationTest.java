package io.changeledger.query.audit;

import io.changeledger.query.TestCredentials;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.client.RestClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka stops while auditors keep asking: their requests are answered as fast as ever, their records wait in the
 * outbox, and every one of them reaches the ingest topic once Kafka is back.
 */
@Import(AuditorRequestDeliveryIntegrationTest.RestartableKafka.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "changeledger.kafka.request-timeout=3s", "changeledger.audit.retry-backoff=500ms"})
class AuditorRequestDeliveryIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaContainer kafka;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void keepsAnsweringWhileKafkaIsDownAndDeliversEveryRecordOnceItIsBack() {
        IngestTopicReader.createTopic(kafka.getBootstrapServers());
        RestClient api = TestCredentials.client(port);
        String auditor = "outage-" + UUID.randomUUID();
        String token = TestCredentials.issueToken(port, auditor, "auditor");

        var docker = DockerClientFactory.instance().client();
        docker.stopContainerCmd(kafka.getContainerId()).exec();
        for (int i = 0; i < 5; i++) {
            Instant asked = Instant.now();
            api.get().uri("/api/v1/audit/populations/changes?limit=" + (i + 1)).headers(headers -> headers.setBearerAuth(token))
                    .retrieve().toBodilessEntity();
            assertThat(Duration.between(asked, Instant.now())).as("answered without waiting for Kafka")
                    .isLessThan(Duration.ofSeconds(2));
        }
        Set<String> waiting = jdbc.sql("select request_id from auditor_request_outbox where auditor = ?")
                .param(auditor).query(String.class).set();
        docker.startContainerCmd(kafka.getContainerId()).exec();

        List<IngestTopicReader.Sent> sent = IngestTopicReader.readUntil(kafka.getBootstrapServers(),
                read -> keysOf(read, auditor).containsAll(waiting));

        assertThat(waiting).hasSize(5);
        assertThat(keysOf(sent, auditor)).isEqualTo(waiting);
        assertThat(sent.stream().filter(record -> auditor.equals(record.data().path("auditor").asString("")))
                .map(record -> record.data().get("query").asString()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("limit=1", "limit=2", "limit=3", "limit=4", "limit=5");
    }

    private static Set<String> keysOf(List<IngestTopicReader.Sent> sent, String auditor) {
        return sent.stream().filter(record -> auditor.equals(record.data().path("auditor").asString("")))
                .map(IngestTopicReader.Sent::key).collect(Collectors.toSet());
    }

    /** Kafka on a fixed host port, so that clients find it again at the same address after a restart. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RestartableKafka {

        @Bean
        @ServiceConnection
        PostgreSQLContainer postgres() {
            return new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
        }

        @Bean
        KafkaContainer kafka() {
            int hostPort = freePort();
            return new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()))
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                            new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(9092))));
        }

        @Bean
        DynamicPropertyRegistrar kafkaBootstrapServers(KafkaContainer kafka) {
            return registry -> registry.add("changeledger.kafka.bootstrap-servers", kafka::getBootstrapServers);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
