package io.changeledger.command.config;

import io.changeledger.command.freeze.FreezeLookup;
import io.changeledger.command.publication.LedgerPublisher;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import javax.sql.DataSource;
import java.util.Map;

/**
 * Axon on PostgreSQL, wired here rather than left to Axon's auto-configuration: Axon 4.13's JDBC and
 * transaction auto-configurations are ordered against Spring Boot 3 class names, so on Boot 4 they
 * run before the DataSource exists, create no JDBC engine and fall back to a no-op transaction manager.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Events carry no correlation metadata. Nothing reads it (a ledger record names its event by id), and Axon's
     * default provider deserialises the metadata of every event a processor handles just to copy it; for the
     * publisher that was a tenth of its thread.
     */
    @Bean
    CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new JdbcSQLErrorCodesResolver();
    }

    /** Axon's JDBC engine, able to hold an ingest transaction's appends until it commits. */
    @Bean
    DeferredAppends eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer snapshotSerializer,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration) {
        return new DeferredAppends(JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(EventSchema.builder().build())
                .build());
    }

    /** The bus of the application: events are stored, and tracking processors read them from the store. */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine) {
        return new CommitAwareEventStore(EmbeddedEventStore.builder().storageEngine(storageEngine));
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TokenSchema.builder().build())
                .build();
    }

    /**
     * Tracking tokens are polymorphic (a replay wraps the token it started from); Jackson 3 refuses
     * polymorphic types it was not told to trust, so a processor could not read its own token back.
     */
    @Bean
    Jackson3SerializerCustomizer trustAxonTokenTypes() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .build());
    }

    /**
     * The publisher must never skip an event: Axon's default error handler logs and moves on, which would
     * advance the token past an event Kafka never got. Propagating puts the processor in error mode instead,
     * and it retries the same batch with back-off until Kafka takes it.
     */
    @Autowired
    void configurePublisher(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(LedgerPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerErrorHandler(LedgerPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                // a lookup that failed to update must fail the command, or the controls would judge by stale data
                .registerListenerInvocationErrorHandler(FreezeLookup.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
