package io.changeledger.events.wire;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Parks records that could not be taken on a dead-letter topic, with their own headers, where they came from and
 * why: the query side's records that are not valid ledger events, the command side's ingest records that are bad.
 */
public final class DeadLetters {

    public static final String REASON = "dlq-reason";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    private final Producer<String, byte[]> producer;
    private final String topic;

    public DeadLetters(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Returns once the dead-letter topic has the record, so the original's offset may be committed. */
    public void park(ConsumerRecord<String, byte[]> record, String reason) {
        park(record, reason, Map.of());
    }

    /** @param more further headers saying why, beside the reason */
    public void park(ConsumerRecord<String, byte[]> record, String reason, Map<String, String> more) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(REASON, utf8(reason));
        more.forEach((name, value) -> headers.add(name, utf8(value)));
        headers.add(ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not park a record on " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a record on " + topic, e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
