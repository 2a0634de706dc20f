package io.changeledger.command.ingest;

import io.changeledger.command.TestCredentials;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.changeledger.command.Infrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.client.RestClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops while records wait on the ingest topic. None of them may be skipped or parked for it: the
 * consumer reads them again until they are stored, and each is stored once.
 */
@Import(IngestTopicDatabaseOutageIntegrationTest.RestartablePostgres.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.hikari.connection-timeout=2000",
                "changeledger.ingest.kafka.retry-backoff=500ms"})
class IngestTopicDatabaseOutageIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaContainer kafka;

    @Autowired
    private PostgreSQLContainer postgres;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void storesEveryRecordSentWhileTheDatabaseWasDownOnceItIsBackAndParksNone() throws Exception {
        String source = "kafka-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(TestCredentials.client(port).post().uri("/api/v1/admin/sources")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"" + source + "\",\"kind\":\"KAFKA\",\"registeredBy\":\"admin\"}")
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(201);
        String service = "outage-" + UUID.randomUUID();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            send(producer, source, service, 0, 3);
            assertThat(eventually(() -> recorded(service), 3)).isEqualTo(3);

            var docker = DockerClientFactory.instance().client();
            docker.stopContainerCmd(postgres.getContainerId()).exec();
            send(producer, source, service, 3, 10);
            // long enough for the consumer to take the records and fail to store them
            Thread.sleep(5_000);
            docker.startContainerCmd(postgres.getContainerId()).exec();
        }

        assertThat(eventually(() -> recorded(service), 13)).isEqualTo(13);
        assertThat(jdbc.sql("""
                        select count(*) from command.ingest_key where source = ?""").param(source)
                .query(Long.class).single()).isEqualTo(13);
        assertThat(parked(service)).isZero();
    }

    private static void send(KafkaProducer<String, String> producer, String source, String service, int from,
                             int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            ProducerRecord<String, String> record = new ProducerRecord<>("changeledger.ingest", service + "-" + i, """
                    {"type":"deployment.recorded","idempotencyKey":"%s-%d","data":{"service":"%s",
                     "environment":"staging","version":"1.0.%d","actor":"argo"}}""".formatted(service, i, service, i));
            record.headers().add(IngestTopicConsumer.SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private long recorded(String service) {
        try {
            return jdbc.sql("""
                            select count(*) from command.domainevententry
                            where convert_from(payload, 'UTF8')::jsonb ->> 'service' = ?""").param(service)
                    .query(Long.class).single();
        } catch (RuntimeException databaseNotBackYet) {
            return -1;
        }
    }

    private long parked(String service) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            TopicPartition dlq = new TopicPartition("changeledger.ingest.dlq", 0);
            consumer.assign(List.of(dlq));
            consumer.seekToBeginning(List.of(dlq));
            long parked = 0;
            Instant until = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(until)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(service)) {
                        parked++;
                    }
                }
            }
            return parked;
        }
    }

    private static long eventually(java.util.function.LongSupplier probe, long expected) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(120);
        long value = probe.getAsLong();
        while (value < expected && Instant.now().isBefore(until)) {
            Thread.sleep(250);
            value = probe.getAsLong();
        }
        return value;
    }

    /** PostgreSQL on a fixed host port, so that the pool finds it again at the same address after a restart. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RestartablePostgres {

        @Bean
        @ServiceConnection
        PostgreSQLContainer postgres() {
            int hostPort = Infrastructure.freePort();
            return Infrastructure.newPostgres().withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                    .withPortBindings(new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(5432))));
        }

        @Bean
        KafkaContainer kafka() {
            return new KafkaContainer(Infrastructure.kafkaImage());
        }

        @Bean
        DynamicPropertyRegistrar kafkaBootstrapServers(KafkaContainer kafka) {
            return Infrastructure.bootstrapServersOf(kafka);
        }
    }
}
