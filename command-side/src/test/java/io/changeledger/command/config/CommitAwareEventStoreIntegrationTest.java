package io.changeledger.command.config;

import io.changeledger.command.HttpApiTest;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionOperations;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommitAwareEventStoreIntegrationTest extends HttpApiTest {

    @Autowired
    private EventStorageEngine storageEngine;

    @Autowired
    private TransactionOperations transaction;

    @Test
    void wakesTrackingProcessorsWhenTheTransactionAroundTheUnitOfWorkCommits() throws Exception {
        // a slice no test outlasts: the event arrives only if the stream is woken after the commit
        EmbeddedEventStore store = new CommitAwareEventStore(EmbeddedEventStore.builder().storageEngine(storageEngine),
                Duration.ofHours(1));
        EventMessage<String> event = GenericEventMessage.asEventMessage("stored inside a longer transaction");
        try (TrackingEventStream stream = store.openStream(store.createHeadToken())) {
            // caught up with the store, the stream now waits for a commit
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();

            transaction.executeWithoutResult(status -> {
                DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(event));
                // a wake-up at the unit of work's commit would have the stream look now, while the event is not
                // committed yet, and then sleep for the slice
                pause(300);
            });

            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(event.getIdentifier());
        } finally {
            store.shutDown();
        }
    }

    @Test
    void aStreamThatFellBehindReadsEachEventOnce() throws Exception {
        List<EventMessage<?>> burst = IntStream.range(0, 100)
                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage("burst " + i)).toList();
        Set<String> burstIds = burst.stream().map(EventMessage::getIdentifier).collect(Collectors.toSet());
        AtomicInteger reads = new AtomicInteger();
        // Axon's shared producer, given a cache of 5 events and quick to fetch, reads the burst before the stream,
        // which is then behind the cache and reads it again
        EmbeddedEventStore store = new CommitAwareEventStore(EmbeddedEventStore.builder()
                .storageEngine(countingReads(storageEngine, burstIds, reads))
                .cachedEvents(5)
                .fetchDelay(20));
        try (TrackingEventStream stream = store.openStream(store.createHeadToken())) {
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();

            transaction.executeWithoutResult(status ->
                    DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(burst)));
            pause(500);
            List<String> read = new ArrayList<>();
            while (read.size() < burst.size() && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                String id = stream.nextAvailable().getIdentifier();
                if (burstIds.contains(id)) {
                    read.add(id);
                }
            }

            assertThat(read).containsExactlyElementsOf(burst.stream().map(EventMessage::getIdentifier).toList());
            assertThat(reads).hasValue(burst.size());
        } finally {
            store.shutDown();
        }
    }

    /** The engine, counting the events of {@code ids} that its tracking reads return. */
    @SuppressWarnings("unchecked")
    private static EventStorageEngine countingReads(EventStorageEngine engine, Set<String> ids, AtomicInteger reads) {
        return (EventStorageEngine) Proxy.newProxyInstance(EventStorageEngine.class.getClassLoader(),
                new Class<?>[] {EventStorageEngine.class}, (proxy, method, arguments) -> {
                    Object result;
                    try {
                        result = method.invoke(engine, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("readEvents")
                            && method.getParameterTypes()[0] == TrackingToken.class) {
                        return ((Stream<? extends TrackedEventMessage<?>>) result)
                                .peek(event -> {
                                    if (ids.contains(event.getIdentifier())) {
                                        reads.incrementAndGet();
                                    }
                                });
                    }
                    return result;
                });
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
