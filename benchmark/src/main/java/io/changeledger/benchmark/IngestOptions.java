package io.changeledger.benchmark;

import java.util.List;
import java.util.Locale;

/**
 * Options of the ingest scenario.
 *
 * @param via                how events reach the ledger: the batch API, the ingest topic, or one after the other
 * @param kafkaBootstrap     the brokers of the ledger's Kafka, for the ingest topic
 * @param events             measured events of the throughput part; 0 leaves the part out
 * @param warmupEvents       uncounted events sent the same way before the throughput part
 * @param batchSize          events per request (batch) or per send tick (Kafka) in the throughput part
 * @param rate               events a second in the throughput part; 0 sends as fast as the ledger takes them
 * @param latencyRate        events a second in the latency part
 * @param latencySeconds     how long the latency part sends; 0 leaves the part out
 * @param latencyWarmupSeconds how long the latency part's load is sent, uncounted, before it
 * @param latencyBatchSize   events per request or tick in the latency part; small, so batching adds little
 * @param sampleEvery        every n-th event of the latency part is followed until the query side shows it
 * @param pollIntervalMillis how often a followed event is looked for on the query side
 */
record IngestOptions(
        Via via,
        String kafkaBootstrap,
        int events,
        int warmupEvents,
        int batchSize,
        int rate,
        int latencyRate,
        int latencySeconds,
        int latencyWarmupSeconds,
        int latencyBatchSize,
        int sampleEvery,
        int pollIntervalMillis) {

    enum Via {
        BATCH, KAFKA, BOTH;

        List<Via> paths() {
            return this == BOTH ? List.of(BATCH, KAFKA) : List.of(this);
        }

        static Via parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--ingest-via must be batch, kafka or both, got " + value, e);
            }
        }
    }

    static IngestOptions defaults() {
        // a minute of the latency part's load first: after the throughput part's burst the stack still compiles and
        // cleans up (with 10 s, p99 through Kafka 0.81 to 1.97 s; with 60 s, 0.36 and 0.56 s, same build and machine)
        return new IngestOptions(Via.BOTH, "localhost:9092", 200_000, 200_000, 1_000, 0, 1_000, 60, 60, 10, 20, 20);
    }

    /** The throughput part's schedule: {@code events} in ticks of {@code batchSize}, at {@code rate} or unpaced. */
    Schedule throughputSchedule() {
        return Schedule.of(events, batchSize, rate);
    }

    Schedule warmupSchedule() {
        return Schedule.of(warmupEvents, batchSize, rate);
    }

    Schedule latencySchedule() {
        return Schedule.of((long) latencyRate * latencySeconds, latencyBatchSize, latencyRate);
    }

    Schedule latencyWarmupSchedule() {
        return Schedule.of((long) latencyRate * latencyWarmupSeconds, latencyBatchSize, latencyRate);
    }

    /** @throws IllegalArgumentException when options that are fine alone do not fit together */
    IngestOptions validated() {
        if (kafkaBootstrap.isBlank()) {
            throw new IllegalArgumentException("--kafka-bootstrap must name at least one broker");
        }
        return this;
    }
}
