package io.changeledger.command.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the tracking processors (the Kafka publisher) should see it: each stream reads the store
 * itself, is woken when stored events are committed, and is never asleep for long while an event is there.
 * <p>
 * Axon's shared producer reads ahead into a cache of 10,000 events for the streams that tail it. In a burst the
 * publisher, its only stream, fell further behind than that; it then read the store itself and went back to tailing
 * once it caught up, while the producer read on. Measured over 50,000 events through the Kafka ingest topic, three
 * runs of seven read the event store five times over (255,000 to 261,000 rows) and recorded 4,750 to 5,310 events/s
 * instead of 6,600 to 7,500, the producer's thread alone using a second of CPU. With one stream there is nothing to
 * share: a stream of its own reads each event once.
 * <p>
 * Axon wakes only its producer when a unit of work commits, and the unit of work of a command inside a longer
 * transaction (a chunk of ingested items, a batch request) commits before the database does: a stream woken then
 * looked, found nothing yet, and slept. Here a stream that found nothing waits for the next database commit of this
 * store's events, or for one slice of time at most, which bounds the delay of events another instance stored.
 */
class CommitAwareEventStore extends EmbeddedEventStore {

    /** How long a waiting stream looks again at the latest, when no commit of this store woke it. */
    static final Duration SLICE = Duration.ofMillis(50);

    private final Commits commits = new Commits();
    private final Duration slice;

    CommitAwareEventStore(Builder builder) {
        this(builder, SLICE);
    }

    CommitAwareEventStore(Builder builder, Duration slice) {
        super(builder.optimizeEventConsumption(false));
        this.slice = slice;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        AfterCommit.run(commits::count);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new WokenByCommits(super.openStream(trackingToken), commits, slice);
    }

    /** The commits of stored events, counted, so that a waiter knows whether one came since it last looked. */
    static final class Commits {

        private long count;

        synchronized long seen() {
            return count;
        }

        synchronized void count() {
            count++;
            notifyAll();
        }

        /** Returns once a commit after {@code seen} was counted, or after {@code nanos}. */
        synchronized void awaitAfter(long seen, long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            long left = nanos;
            while (count == seen && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
                left = deadline - System.nanoTime();
            }
        }
    }

    /**
     * A stream whose wait for the next event is a look at the store after each commit. The commits are counted
     * before each look, so one that comes between the look and the wait ends the wait at once.
     */
    static final class WokenByCommits implements TrackingEventStream {

        private final TrackingEventStream stream;
        private final Commits commits;
        private final long sliceNanos;

        WokenByCommits(TrackingEventStream stream, Commits commits, Duration slice) {
            this.stream = stream;
            this.commits = commits;
            this.sliceNanos = slice.toNanos();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (timeout <= 0) {
                // the processor's look between the events of a batch: nothing to wait for, so no commit to count
                return stream.hasNextAvailable(0, TimeUnit.MILLISECONDS);
            }
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long seen = commits.seen();
                if (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                commits.awaitAfter(seen, Math.min(left, sliceNanos));
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            // the stream's own wait is for a signal that only Axon's producer gives, which is not running
            boolean available;
            do {
                available = hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS);
            } while (!available);
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
