package io.changeledger.command;

import org.apache.kafka.common.utils.AppInfoParser;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A real PostgreSQL and a real Kafka of the version of the Kafka client on the classpath. */
@TestConfiguration(proxyBeanMethods = false)
public class Infrastructure {

    public static DockerImageName kafkaImage() {
        return DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion());
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
