package io.changeledger.command.config;

import io.changeledger.command.HttpApiTest;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionOperations;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommitAwareEventStoreIntegrationTest extends HttpApiTest {

    @Autowired
    private EventStorageEngine storageEngine;

    @Autowired
    private TransactionOperations transaction;

    @Test
    void wakesTrackingProcessorsWhenTheTransactionAroundTheUnitOfWorkCommits() throws Exception {
        // a fetch delay no test outlasts: the event arrives only if the store is woken after the commit
        EmbeddedEventStore store = new CommitAwareEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(TimeUnit.HOURS.toMillis(1)));
        EventMessage<String> event = GenericEventMessage.asEventMessage("stored inside a longer transaction");
        try (TrackingEventStream stream = store.openStream(store.createHeadToken())) {
            // caught up with the store, the stream now waits for the store's wake-up
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();

            transaction.executeWithoutResult(status -> {
                DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(event));
                // a wake-up at the unit of work's commit would have the store look now, while the event is not
                // committed yet, and then sleep for the fetch delay
                pause(300);
            });

            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(event.getIdentifier());
        } finally {
            store.shutDown();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
