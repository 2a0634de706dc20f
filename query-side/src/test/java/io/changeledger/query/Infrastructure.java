package io.changeledger.query;

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

    @Bean
    @ServiceConnection
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
    }

    /** Topics that tests create by sending to them get three partitions, as the ledger's events topic has. */
    @Bean
    KafkaContainer kafka() {
        return new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()))
                .withEnv("KAFKA_NUM_PARTITIONS", "3");
    }

    @Bean
    DynamicPropertyRegistrar kafkaBootstrapServers(KafkaContainer kafka) {
        return registry -> registry.add("changeledger.kafka.bootstrap-servers", kafka::getBootstrapServers);
    }
}
