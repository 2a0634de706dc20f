package io.changeledger.command.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the tracking processors (the Kafka publisher) should see it: woken when stored events are
 * committed, and never asleep for long while an event is there.
 * <p>
 * Axon wakes its processors when the unit of work commits; the unit of work of a command inside a longer
 * transaction (a chunk of ingested items, a batch request) commits before the database does, so the processors
 * looked, found nothing yet, and the chunk's events waited for the next chunk's wake-up or, after the last one of a
 * burst, for the store's fetch delay (a second): measured, the events at the end of a burst reached Kafka a second
 * late. Here the wake-up waits for the database commit.
 * <p>
 * And Axon 4.13's tailing stream looks for the next event before it takes the lock it then waits on: an event that
 * arrives in between signals nobody, and the stream sleeps for the processor's whole wait (a second) with the event
 * in hand; measured, single seconds under load with publication delays of a second. The streams given out here wait
 * in short slices, so a missed signal costs at most one slice.
 */
class CommitAwareEventStore extends EmbeddedEventStore {

    /** The longest a missed signal may delay an event; a slice that finds nothing costs only a look at memory. */
    static final long SLICE_MILLIS = 20;

    CommitAwareEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        AfterCommit.run(() -> super.afterCommit(events));
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new SlicedWaits(super.openStream(trackingToken));
    }

    /** A stream whose waits for the next event look again every {@link #SLICE_MILLIS}. */
    static final class SlicedWaits implements TrackingEventStream {

        private final TrackingEventStream stream;

        SlicedWaits(TrackingEventStream stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (timeout <= 0) {
                return stream.hasNextAvailable(timeout, unit);
            }
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            do {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (stream.hasNextAvailable((int) Math.min(SLICE_MILLIS, Math.max(1, left)), TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } while (deadline - System.nanoTime() > 0);
            return false;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
