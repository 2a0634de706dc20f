package io.changeledger.query.export;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a PDF report says about a population, gathered row by row as the rows stream past: counts, a trend in at
 * most {@link #MAX_BUCKETS} buckets of whole weeks, and the first exceptions for its table. Its size does not
 * depend on the number of rows.
 */
final class ExportSummary {

    static final int MAX_BUCKETS = 26;

    private final Population population;
    private final Instant from;
    private final int tableRows;
    private final long bucketSeconds;
    private final long[] rowsPerBucket;
    private final long[] exceptionsPerBucket;
    private final Map<String, Long> byStatus = new TreeMap<>();
    private final List<List<Object>> firstExceptions = new ArrayList<>();
    private final int occurredAt;
    private final int status;
    private final int violations;
    private final int flag;
    private long rows;
    private long exceptions;
    private long flagged;

    ExportSummary(Population population, Instant from, Instant to, int tableRows) {
        this.population = population;
        this.from = from;
        this.tableRows = tableRows;
        long weeks = Math.max(1, (Duration.between(from, to).toDays() + 6) / 7);
        long weeksPerBucket = (weeks + MAX_BUCKETS - 1) / MAX_BUCKETS;
        this.bucketSeconds = weeksPerBucket * Duration.ofDays(7).toSeconds();
        int buckets = (int) ((Duration.between(from, to).toSeconds() + bucketSeconds - 1) / bucketSeconds);
        this.rowsPerBucket = new long[Math.max(1, buckets)];
        this.exceptionsPerBucket = new long[Math.max(1, buckets)];
        List<String> columns = population.columns();
        this.occurredAt = columns.indexOf("occurred_at");
        this.status = columns.indexOf("status");
        this.violations = columns.indexOf("violations");
        this.flag = columns.indexOf(population == Population.CHANGES ? "emergency" : "break_glass");
    }

    /** A row breaches a control if any violation of one was recorded by the checkpoint. */
    boolean isException(List<Object> row) {
        Object value = row.get(violations);
        return value != null && !value.toString().isEmpty();
    }

    void add(List<Object> row) {
        rows++;
        boolean exception = isException(row);
        int bucket = (int) Math.min(rowsPerBucket.length - 1, Math.max(0,
                Duration.between(from, Instant.parse(row.get(occurredAt).toString())).toSeconds() / bucketSeconds));
        rowsPerBucket[bucket]++;
        byStatus.merge(String.valueOf(row.get(status)), 1L, Long::sum);
        if (Boolean.TRUE.equals(row.get(flag))) {
            flagged++;
        }
        if (exception) {
            exceptions++;
            exceptionsPerBucket[bucket]++;
            if (firstExceptions.size() < tableRows) {
                firstExceptions.add(row);
            }
        }
    }

    Population population() {
        return population;
    }

    long rows() {
        return rows;
    }

    long exceptions() {
        return exceptions;
    }

    /** Emergency changes, or break-glass grants. */
    long flagged() {
        return flagged;
    }

    String flagName() {
        return population == Population.CHANGES ? "Emergency changes" : "Break-glass grants";
    }

    Map<String, Long> byStatus() {
        return byStatus;
    }

    List<List<Object>> firstExceptions() {
        return firstExceptions;
    }

    long[] rowsPerBucket() {
        return rowsPerBucket;
    }

    long[] exceptionsPerBucket() {
        return exceptionsPerBucket;
    }

    Instant bucketStart(int bucket) {
        return from.plusSeconds(bucket * bucketSeconds);
    }

    long bucketDays() {
        return bucketSeconds / 86_400;
    }
}
