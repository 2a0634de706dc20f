package io.changeledger.command.ingest.cloudevents;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CloudEvents Kafka protocol binding 1.0.2: structured mode when the record's {@code content-type} header is
 * {@value HttpCloudEvents#STRUCTURED}, binary mode ({@code ce_} headers, the value as data) otherwise. The record's
 * key, when it has one, is the event's {@value #PARTITIONKEY} extension.
 */
public final class KafkaCloudEvents {

    static final String PARTITIONKEY = "partitionkey";
    private static final String PREFIX = "ce_";
    private static final String CONTENT_TYPE = "content-type";

    private KafkaCloudEvents() {
    }

    /** @throws CloudEventException when the record is not one valid CloudEvent */
    public static CloudEvent read(ConsumerRecord<String, byte[]> record) {
        return read(record.headers(), record.key(), record.value());
    }

    /** @throws CloudEventException when the record is not one valid CloudEvent */
    public static CloudEvent read(Headers headers, String key, byte[] value) {
        Map<String, String> attributes = new HashMap<>();
        String contentType = null;
        for (Header header : headers) {
            String name = header.key() == null ? "" : header.key();
            if (name.equalsIgnoreCase(CONTENT_TYPE)) {
                if (contentType != null) {
                    throw new CloudEventException(CONTENT_TYPE, "the header content-type appears more than once");
                }
                contentType = utf8(name, header.value());
                continue;
            }
            if (!name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            String attribute = name.substring(PREFIX.length());
            Attributes.name(attribute, "header " + name + ": the attribute");
            if (attribute.equals(Attributes.DATACONTENTTYPE)) {
                throw new CloudEventException(name, "in binary mode datacontenttype is the content-type header, not "
                        + name);
            }
            if (Attributes.DATA.contains(attribute)) {
                throw new CloudEventException(name, "in binary mode the data is the record's value, not " + name);
            }
            if (header.value() != null && attributes.put(attribute, utf8(name, header.value())) != null) {
                throw new CloudEventException(name, "the header " + name + " appears more than once");
            }
        }
        CloudEvent event = contentType != null && Attributes.base(contentType).startsWith("application/cloudevents")
                ? structured(contentType, value) : binary(attributes, contentType, value);
        return key == null || event.extension(PARTITIONKEY) != null ? event
                : event.withExtension(PARTITIONKEY, key);
    }

    private static CloudEvent structured(String contentType, byte[] value) {
        String base = Attributes.base(contentType);
        if (base.equals(HttpCloudEvents.BATCH)) {
            throw new CloudEventException(CONTENT_TYPE, "the Kafka binding has no batched mode: send one event a"
                    + " record");
        }
        if (!base.equals(HttpCloudEvents.STRUCTURED)) {
            throw new CloudEventException(CONTENT_TYPE, "the event format " + Attributes.clip(base) + " is not"
                    + " supported: send " + HttpCloudEvents.STRUCTURED + " or binary mode");
        }
        if (value == null) {
            throw new CloudEventException("the record has no value, and in structured mode the value is the event");
        }
        return JsonFormat.event(value);
    }

    private static CloudEvent binary(Map<String, String> attributes, String contentType, byte[] value) {
        if (!attributes.containsKey(Attributes.SPECVERSION)) {
            throw new CloudEventException("ce_specversion", "the record is not a CloudEvent: it has no"
                    + " ce_specversion header (binary mode) and its content-type is not "
                    + HttpCloudEvents.STRUCTURED);
        }
        if (contentType != null) {
            attributes.put(Attributes.DATACONTENTTYPE, contentType);
        }
        return Attributes.event(attributes, HttpCloudEvents.data(contentType, value, "the record's value"));
    }

    private static String utf8(String header, byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new CloudEventException(header.toLowerCase(Locale.ROOT), "the header " + header + " is not UTF-8");
        }
    }
}
