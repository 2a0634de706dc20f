package io.changeledger.command.config;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waits of the streams the store gives out. Axon's missed signal is a race that no test can bring about on
 * demand, so these give the sliced wait a stream that misses its signal every time it is asked to.
 */
class CommitAwareEventStoreTest {

    @Test
    void anEventWhoseSignalWasMissedIsFoundAtTheNextSlice() throws InterruptedException {
        MissesItsSignal stream = new MissesItsSignal(1);

        boolean available = new CommitAwareEventStore.SlicedWaits(stream).hasNextAvailable(1, TimeUnit.SECONDS);

        assertThat(available).isTrue();
        assertThat(stream.waits).hasSize(2)
                .allSatisfy(millis -> assertThat(millis).isBetween(1L, CommitAwareEventStore.SLICE_MILLIS));
    }

    @Test
    void waitsTheWholeTimeInSlicesWhenNothingComes() throws InterruptedException {
        MissesItsSignal stream = new MissesItsSignal(Integer.MAX_VALUE);
        long start = System.nanoTime();

        boolean available = new CommitAwareEventStore.SlicedWaits(stream).hasNextAvailable(100, TimeUnit.MILLISECONDS);

        assertThat(available).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100);
        assertThat(stream.waits).hasSizeGreaterThan(1)
                .allSatisfy(millis -> assertThat(millis).isBetween(1L, CommitAwareEventStore.SLICE_MILLIS));
    }

    @Test
    void aLookWithoutWaitingLooksOnce() throws InterruptedException {
        MissesItsSignal stream = new MissesItsSignal(Integer.MAX_VALUE);

        assertThat(new CommitAwareEventStore.SlicedWaits(stream).hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(stream.waits).containsExactly(0L);
    }

    /** Holds an event, but sleeps through the first {@code misses} waits as if its signal had gone to nobody. */
    private static final class MissesItsSignal implements TrackingEventStream {

        private final TrackedEventMessage<?> event = new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(1), GenericEventMessage.asEventMessage("held"));
        private final List<Long> waits = new ArrayList<>();
        private int misses;

        MissesItsSignal(int misses) {
            this.misses = misses;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long millis = unit.toMillis(timeout);
            waits.add(millis);
            if (misses > 0) {
                misses--;
                Thread.sleep(millis);
                return false;
            }
            return true;
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
