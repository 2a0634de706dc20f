package io.changeledger.command;

import org.apache.kafka.common.utils.AppInfoParser;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.ServerSocket;

/** A real PostgreSQL and a real Kafka of the version of the Kafka client on the classpath. */
@TestConfiguration(proxyBeanMethods = false)
public class Infrastructure {

    public static DockerImageName kafkaImage() {
        return DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion());
    }

    /** A port free now, for a container that must keep its host port across a restart. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PostgreSQLContainer newPostgres() {
        return new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
    }

    public static DynamicPropertyRegistrar bootstrapServersOf(KafkaContainer kafka) {
        return registry -> registry.add("changeledger.kafka.bootstrap-servers", kafka::getBootstrapServers);
    }

    @Bean
    @ServiceConnection
    PostgreSQLContainer postgres() {
        return newPostgres();
    }

    @Bean
    KafkaContainer kafka() {
        return new KafkaContainer(kafkaImage());
    }

    @Bean
    DynamicPropertyRegistrar kafkaBootstrapServers(KafkaContainer kafka) {
        return bootstrapServersOf(kafka);
    }
}
