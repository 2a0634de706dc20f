package io.changeledger.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A golden wire fixture: the key, the headers and the payload of one Kafka record. The payload's
 * compact form, in the fixture's field order, is the exact byte sequence the codec must write.
 */
public record GoldenRecord(String key, Map<String, String> headers, String payload) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static GoldenRecord load(String name) {
        try (InputStream in = GoldenRecord.class.getResourceAsStream("/golden/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden fixture " + name);
            }
            JsonNode root = JSON.readTree(in);
            Map<String, String> headers = new LinkedHashMap<>();
            root.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
            return new GoldenRecord(root.get("key").asString(), headers, JSON.writeValueAsString(root.get("payload")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture that is a bare JSON value, in its compact form. */
    public static String loadJson(String name) {
        try (InputStream in = GoldenRecord.class.getResourceAsStream("/golden/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden fixture " + name);
            }
            return JSON.writeValueAsString(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean exists(String name) {
        return GoldenRecord.class.getResource("/golden/" + name + ".json") != null;
    }

    public ConsumerRecord<String, byte[]> toConsumerRecord(String topic) {
        return toConsumerRecord(topic, key, headers, payload);
    }

    public static ConsumerRecord<String, byte[]> toConsumerRecord(String topic, String key, Map<String, String> headers,
                                                                  String payload) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(topic, 0, 0L, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, key, payload == null ? null : payload.getBytes(StandardCharsets.UTF_8),
                recordHeaders, Optional.empty());
    }
}
