package io.changeledger.command.config;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waits of the streams the store gives out, over a stream that finds an event at a given look. A slice of an
 * hour stands for "never": only a commit can end a wait sooner.
 */
class CommitAwareEventStoreTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final CommitAwareEventStore.Commits commits = new CommitAwareEventStore.Commits();

    @Test
    void aCommitWakesAStreamThatFoundNothing() throws Exception {
        FindsAnEventAt stream = new FindsAnEventAt(2, look -> { });
        var waits = new CommitAwareEventStore.WokenByCommits(stream, commits, NEVER);

        CompletableFuture<Boolean> available = CompletableFuture.supplyAsync(() -> lookFor(waits, 60_000));
        stream.firstLook.join();
        commits.count();

        assertThat(available.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.looks).containsExactly(1, 2);
    }

    @Test
    void aCommitBetweenTheLookAndTheWaitIsNotMissed() throws Exception {
        // the commit lands while the first look runs: after its query saw nothing, before the wait begins
        FindsAnEventAt stream = new FindsAnEventAt(2, look -> commits.count());
        var waits = new CommitAwareEventStore.WokenByCommits(stream, commits, NEVER);

        CompletableFuture<Boolean> available = CompletableFuture.supplyAsync(() -> lookFor(waits, 60_000));

        assertThat(available.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.looks).containsExactly(1, 2);
    }

    @Test
    void looksAgainEverySliceWhenNoCommitComes() throws InterruptedException {
        // events another instance stored signal nobody here
        FindsAnEventAt stream = new FindsAnEventAt(3, look -> { });
        var waits = new CommitAwareEventStore.WokenByCommits(stream, commits, Duration.ofMillis(20));

        assertThat(waits.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.looks).containsExactly(1, 2, 3);
    }

    @Test
    void waitsTheWholeTimeoutWhenNothingComes() throws InterruptedException {
        FindsAnEventAt stream = new FindsAnEventAt(Integer.MAX_VALUE, look -> { });
        var waits = new CommitAwareEventStore.WokenByCommits(stream, commits, NEVER);
        long start = System.nanoTime();

        assertThat(waits.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100);
        assertThat(stream.looks).containsExactly(1, 2);
    }

    @Test
    void aLookWithoutWaitingLooksOnce() throws InterruptedException {
        FindsAnEventAt stream = new FindsAnEventAt(Integer.MAX_VALUE, look -> { });

        assertThat(new CommitAwareEventStore.WokenByCommits(stream, commits, NEVER)
                .hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(stream.looks).containsExactly(1);
    }

    private static boolean lookFor(TrackingEventStream stream, int millis) {
        try {
            return stream.hasNextAvailable(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stream of the store's own, as the wrapper uses it: asked only without waiting, it finds its event at the
     * {@code found}th look. What happens during a look (a commit, say) is up to the test.
     */
    private static final class FindsAnEventAt implements TrackingEventStream {

        private final TrackedEventMessage<?> event = new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(1), GenericEventMessage.asEventMessage("stored"));
        private final List<Integer> looks = new ArrayList<>();
        private final CompletableFuture<Void> firstLook = new CompletableFuture<>();
        private final int found;
        private final IntConsumer duringLook;

        FindsAnEventAt(int found, IntConsumer duringLook) {
            this.found = found;
            this.duringLook = duringLook;
        }

        @Override
        public synchronized boolean hasNextAvailable(int timeout, TimeUnit unit) {
            assertThat(timeout).as("the wrapper waits itself").isZero();
            int look = looks.size() + 1;
            looks.add(look);
            duringLook.accept(look);
            firstLook.complete(null);
            return look >= found;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.of(event);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return event;
        }

        @Override
        public void close() {
        }
    }
}
