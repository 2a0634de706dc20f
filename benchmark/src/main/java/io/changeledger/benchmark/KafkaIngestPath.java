package io.changeledger.benchmark;

import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest topic, as a Kafka source registered for this run. The ledger answers a Kafka producer nothing, so the
 * path learns what became of its records from the command side's ingest group: once its committed offsets reach the
 * topic's end offsets as they stood after the last record was acknowledged, every record is recorded or parked on
 * the dead-letter topic, and the dead-letter topic's growth is how many were parked. Another source parking records
 * at the same time would be counted too; the benchmark expects the ledger to itself.
 */
final class KafkaIngestPath implements IngestPath {

    private static final long COMMIT_POLL_MILLIS = 100;
    private static final int REASONS_SHOWN = 3;

    private final KafkaIngest kafka;
    private final String source;
    private final String bootstrap;
    private final List<TopicPartition> partitions;
    private final long stallNanos;
    private List<TopicPartition> deadLetterPartitions = List.of();
    private Map<TopicPartition, Long> deadLettersAtBegin = Map.of();
    private long backlogAtBegin;

    private KafkaIngestPath(KafkaIngest kafka, String source, String bootstrap, List<TopicPartition> partitions,
                            long stallNanos) {
        this.kafka = kafka;
        this.source = source;
        this.bootstrap = bootstrap;
        this.partitions = partitions;
        this.stallNanos = stallNanos;
    }

    /**
     * Registers a Kafka source for the run and checks that the ingest topic is there.
     *
     * @param stallNanos how long the ingest group's offsets may stand still before the wait for them gives up
     */
    static KafkaIngestPath open(BenchmarkOptions options, String runId, long stallNanos) throws IOException {
        String bootstrap = options.ingest().kafkaBootstrap();
        KafkaIngest kafka = new KafkaIngest(bootstrap);
        try {
            List<TopicPartition> partitions = kafka.partitions(KafkaIngest.TOPIC).orElseThrow(() -> new IOException(
                    "Kafka at " + bootstrap + " has no topic " + KafkaIngest.TOPIC + ": the command side creates it"
                            + " when its ingest consumer starts (changeledger.ingest.kafka.enabled)"));
            String source = "bench-kafka-" + runId;
            new IngestClient(options).register(source, "KAFKA");
            return new KafkaIngestPath(kafka, source, bootstrap, partitions, stallNanos);
        } catch (IOException | RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    @Override
    public String key() {
        return "kafka";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Kafka topic %s at %s (%d partitions, group %s), source %s",
                KafkaIngest.TOPIC, bootstrap, partitions.size(), KafkaIngest.GROUP, source);
    }

    /** One thread: the producer batches by itself, and a send only blocks when its buffer is full. */
    @Override
    public int senders(int clients) {
        return 1;
    }

    @Override
    public void begin() {
        deadLetterPartitions = kafka.partitions(KafkaIngest.DEAD_LETTER_TOPIC).orElse(List.of());
        deadLettersAtBegin = deadLetterPartitions.isEmpty() ? Map.of() : kafka.endOffsets(deadLetterPartitions);
        backlogAtBegin = behind(kafka.endOffsets(partitions), kafka.committed());
    }

    @Override
    public void send(List<IngestEvent> events, long tick, long dueNanos, PhaseTally tally) {
        tally.sending(tick, dueNanos, System.nanoTime(), events.size());
        for (IngestEvent event : events) {
            try {
                kafka.send(event, source, (metadata, exception) -> {
                    if (exception == null) {
                        tally.acked.increment();
                        tally.settled(tick, System.nanoTime());
                    } else {
                        tally.failed.increment();
                        tally.error("record " + event.idempotencyKey() + " not sent: " + exception);
                    }
                });
            } catch (RuntimeException e) {
                // the producer refused it outright (closed, serialisation, buffer full past max.block.ms)
                tally.failed.increment();
                tally.error("record " + event.idempotencyKey() + " not sent: " + e);
            }
        }
    }

    @Override
    public Settlement settle(PhaseTally tally, long startNanos) throws InterruptedException {
        kafka.flush();
        List<String> notes = new ArrayList<>();
        if (backlogAtBegin > 0) {
            notes.add("group " + KafkaIngest.GROUP + " was " + backlogAtBegin + " records behind before this part"
                    + " started; the wait below includes them");
        }
        long acked = tally.acked.sum();
        if (tally.lastSettledNanos() != Long.MIN_VALUE) {
            double seconds = (tally.lastSettledNanos() - startNanos) / 1e9;
            notes.add(String.format(Locale.ROOT, "the brokers acknowledged %d records after %.2f s (%.1f/s)",
                    acked, seconds, acked / seconds));
        }
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
        long confirmed = Long.MIN_VALUE;
        long behind = behind(ends, kafka.committed());
        long progressNanos = System.nanoTime();
        while (behind > 0) {
            if (System.nanoTime() - progressNanos > stallNanos) {
                notes.add(String.format(Locale.ROOT, "group %s's committed offsets stood still for %d s %d records"
                                + " short of the end offsets: is the command side consuming %s?", KafkaIngest.GROUP,
                        TimeUnit.NANOSECONDS.toSeconds(stallNanos), behind, KafkaIngest.TOPIC));
                break;
            }
            Thread.sleep(COMMIT_POLL_MILLIS);
            long now = behind(ends, kafka.committed());
            if (now < behind) {
                behind = now;
                progressNanos = System.nanoTime();
            }
        }
        if (behind == 0) {
            confirmed = System.nanoTime();
        }
        long parked = parked();
        if (parked > 0) {
            notes.add(parked + " records parked on " + KafkaIngest.DEAD_LETTER_TOPIC + "; the first reasons:");
            Map<TopicPartition, Long> from = new HashMap<>();
            // a dead-letter topic created during the part starts at 0
            deadLetterPartitions.forEach(partition -> from.put(partition,
                    deadLettersAtBegin.getOrDefault(partition, 0L)));
            kafka.parkedReasons(from, REASONS_SHOWN).forEach(reason -> notes.add("  " + reason));
        }
        // records the group has not reached are neither recorded nor parked yet; only the end of the wait is known
        long recorded = Math.max(0, acked - parked - behind);
        return new Settlement(behind == 0, confirmed, recorded, parked, notes);
    }

    /** Records between the group's committed offsets and the end offsets; a partition never committed counts whole. */
    private static long behind(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            behind += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
        }
        return behind;
    }

    private long parked() {
        if (deadLetterPartitions.isEmpty()) {
            deadLetterPartitions = kafka.partitions(KafkaIngest.DEAD_LETTER_TOPIC).orElse(List.of());
        }
        if (deadLetterPartitions.isEmpty()) {
            return 0;
        }
        long parked = 0;
        for (Map.Entry<TopicPartition, Long> end : kafka.endOffsets(deadLetterPartitions).entrySet()) {
            parked += end.getValue() - deadLettersAtBegin.getOrDefault(end.getKey(), 0L);
        }
        return parked;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
