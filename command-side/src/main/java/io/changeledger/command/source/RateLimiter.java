package io.changeledger.command.source;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per source: a source may send its rate a second on average, and a burst of up to two seconds'
 * worth, or one full batch, at once. Kept per instance: behind a load balancer each instance allows the rate, which
 * bounds a flood without a shared store on the hot path.
 */
final class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int smallestBurst;

    RateLimiter(Clock clock, int smallestBurst) {
        this.clock = clock;
        this.smallestBurst = smallestBurst;
    }

    /** @return empty if the events may go ahead, else the seconds to wait before sending them again */
    OptionalLong acquire(Source source, int events) {
        Bucket bucket = buckets.compute(source.name(), (name, existing) ->
                existing != null && existing.rate == source.ratePerSecond() ? existing
                        : new Bucket(source.ratePerSecond(), Math.max(2L * source.ratePerSecond(), smallestBurst),
                        clock.millis()));
        return bucket.take(Math.min(events, bucket.capacity), clock.millis());
    }

    private static final class Bucket {

        private final int rate;
        private final long capacity;
        private double tokens;
        private long refilledAt;

        Bucket(int rate, long capacity, long now) {
            this.rate = rate;
            this.capacity = capacity;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized OptionalLong take(long events, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * rate / 1000.0);
            refilledAt = Math.max(refilledAt, now);
            if (tokens >= events) {
                tokens -= events;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((events - tokens) / rate)));
        }
    }
}
