package io.changeledger.benchmark;

import java.util.Arrays;
import java.util.Locale;

/**
 * Exact percentiles of a sample of durations in nanoseconds, by the nearest-rank method: the p-th percentile is the
 * smallest sample such that at least p percent of the samples are less than or equal to it. Always one of the measured
 * values, never an interpolation, so a reported p99 is a latency that some request really saw.
 */
final class LatencyStats {

    private final long[] sorted;

    private LatencyStats(long[] sorted) {
        this.sorted = sorted;
    }

    /** Uses the first {@code count} entries of {@code nanos}; the array is copied, not sorted in place. */
    static LatencyStats of(long[] nanos, int count) {
        if (count < 1 || count > nanos.length) {
            throw new IllegalArgumentException("need between 1 and " + nanos.length + " samples, got " + count);
        }
        long[] copy = Arrays.copyOf(nanos, count);
        Arrays.sort(copy);
        return new LatencyStats(copy);
    }

    static LatencyStats of(long... nanos) {
        return of(nanos, nanos.length);
    }

    int count() {
        return sorted.length;
    }

    /** @param percent in (0, 100] */
    long percentile(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percent);
        }
        // the epsilon keeps binary rounding (e.g. 99.9 * 1000 = 99900.00000000001) from pushing the rank one too far
        int rank = (int) Math.ceil(percent * sorted.length / 100.0 - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0);
    }
}
