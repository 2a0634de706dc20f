package io.changeledger.events.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.changeledger.events.EventTypes;
import io.changeledger.events.LedgerEvent;
import io.changeledger.proof.CanonicalJson;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Hashes;
import io.changeledger.proof.LeafEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The one serialiser and parser of ledger records, used by both sides so that they cannot drift.
 * Key: the aggregate id. Headers: see {@link LedgerHeaders}. Value: the event as JSON, no type
 * information inside it (the {@code event-type} header names the type).
 */
public final class LedgerRecordCodec {

    private final JsonMapper json = JsonMapper.builder()
            // the field order of the record is the order on the wire; golden fixtures pin it
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // a field this revision does not know would be dropped silently: a new field needs a new revision
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /**
     * The record of an event at {@code sequence} in the ledger; its {@code leaf-hash} header is the leaf computed
     * from the same payload bytes the record carries, see {@link #leafOf(Headers)}.
     */
    public ProducerRecord<String, byte[]> toRecord(String topic, LedgerEnvelope envelope, long sequence) {
        return encode(envelope).toRecord(topic, sequence);
    }

    /**
     * The payload and leaf hash of an event, which do not depend on its place in the ledger: a publisher can
     * compute them for many events at once and number them afterwards, in order.
     */
    public Encoded encode(LedgerEnvelope envelope) {
        byte[] payload = payload(envelope.event());
        return new Encoded(envelope, payload, leafHash(envelope, payload));
    }

    /** An event's wire payload and leaf hash; {@link #toRecord} places it in the ledger. */
    public record Encoded(LedgerEnvelope envelope, byte[] payload, Digest leafHash) {

        /** The record at {@code sequence}, as {@link LedgerRecordCodec#toRecord} makes it. */
        public ProducerRecord<String, byte[]> toRecord(String topic, long sequence) {
            Headers headers = new RecordHeaders();
            add(headers, LedgerHeaders.EVENT_ID, envelope.eventId().toString());
            add(headers, LedgerHeaders.EVENT_TYPE, envelope.type());
            add(headers, LedgerHeaders.EVENT_REVISION, envelope.revision());
            add(headers, LedgerHeaders.OCCURRED_AT, envelope.occurredAt().toString());
            add(headers, LedgerHeaders.RECORDED_AT, envelope.recordedAt().toString());
            add(headers, LedgerHeaders.GLOBAL_SEQUENCE, Long.toString(envelope.globalSequence()));
            add(headers, LedgerHeaders.CONTENT_TYPE, LedgerHeaders.JSON);
            add(headers, LedgerHeaders.LEDGER_SEQUENCE, Long.toString(sequence));
            add(headers, LedgerHeaders.LEAF_HASH, leafHash.hex());
            return new ProducerRecord<>(topic, null, envelope.key(), payload, headers);
        }

        public LedgerLeaf leaf(long sequence) {
            return new LedgerLeaf(sequence, leafHash);
        }
    }

    /**
     * The envelope in the form a leaf of the tree commits to (and exports show): id, type, revision, both times
     * and the payload, as JSON.
     */
    public ObjectNode leafEntry(LedgerEnvelope envelope) {
        return leafEntry(envelope, payload(envelope.event()));
    }

    private static ObjectNode leafEntry(LedgerEnvelope envelope, byte[] payload) {
        return LeafEntry.envelope(envelope.eventId(), envelope.type(), envelope.revision(),
                envelope.occurredAt().toString(), envelope.recordedAt().toString(), payload);
    }

    private static Digest leafHash(LedgerEnvelope envelope, byte[] payload) {
        return Hashes.leaf(CanonicalJson.canonicalize(leafEntry(envelope, payload)));
    }

    /**
     * The ledger position a record's headers claim. Only trustworthy for a record {@link #fromRecord} accepted,
     * which checks the leaf hash against the payload.
     *
     * @throws WireFormatException if either header is missing or malformed
     */
    public LedgerLeaf leafOf(Headers headers) {
        long sequence = parse(headers, LedgerHeaders.LEDGER_SEQUENCE, Long::parseLong);
        return new LedgerLeaf(sequence, parse(headers, LedgerHeaders.LEAF_HASH, Digest::fromHex));
    }

    public byte[] payload(LedgerEvent event) {
        return json.writeValueAsBytes(event);
    }

    /**
     * A record the codec accepted: the event, its checked place in the tree, and the canonical bytes its leaf
     * hash is over (SHA-256 of 0x00 and these is {@code leaf.hash()}).
     */
    public record Decoded(LedgerEnvelope envelope, LedgerLeaf leaf, byte[] canonicalEntry) {
    }

    /**
     * @throws WireFormatException if a header is missing or malformed, the type or revision is unknown,
     *                             the payload does not parse, the key is not the event's aggregate id, or the
     *                             leaf hash is not the one of this event
     */
    public LedgerEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        return decode(record).envelope();
    }

    /** {@link #fromRecord}, keeping what the leaf check computed for a copy of the ledger. */
    public Decoded decode(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String typeName = required(headers, LedgerHeaders.EVENT_TYPE);
        String revision = required(headers, LedgerHeaders.EVENT_REVISION);
        EventTypes.EventType type = EventTypes.named(typeName)
                .orElseThrow(() -> new WireFormatException("unknown event type '" + typeName + "'"));
        if (!type.revision().equals(revision)) {
            throw new WireFormatException("event type " + typeName + " has revision " + type.revision()
                    + ", the record has revision '" + revision + "'");
        }
        UUID eventId = parse(headers, LedgerHeaders.EVENT_ID, UUID::fromString);
        Instant occurredAt = parse(headers, LedgerHeaders.OCCURRED_AT, Instant::parse);
        Instant recordedAt = parse(headers, LedgerHeaders.RECORDED_AT, Instant::parse);
        long globalSequence = parse(headers, LedgerHeaders.GLOBAL_SEQUENCE, Long::parseLong);
        if (record.value() == null) {
            throw new WireFormatException("the record has no payload");
        }
        LedgerEvent event;
        try {
            event = json.readValue(record.value(), type.javaType());
        } catch (JacksonException e) {
            throw new WireFormatException("payload is not a valid " + typeName + ": " + e.getOriginalMessage(), e);
        }
        if (!event.aggregateId().equals(record.key())) {
            throw new WireFormatException("record key '" + record.key() + "' is not the event's aggregate id '"
                    + event.aggregateId() + "'");
        }
        if (!event.occurredAt().equals(occurredAt)) {
            throw new WireFormatException("header occurred-at " + occurredAt + " differs from the payload's "
                    + event.occurredAt());
        }
        var envelope = new LedgerEnvelope(eventId, type.name(), revision, occurredAt, recordedAt, globalSequence, event);
        LedgerLeaf leaf = leafOf(headers);
        byte[] canonical = CanonicalJson.canonicalize(leafEntry(envelope, record.value()));
        Digest computed = Hashes.leaf(canonical);
        if (!computed.equals(leaf.hash())) {
            throw new WireFormatException("header leaf-hash " + leaf.hash() + " is not the leaf of this event ("
                    + computed + "): the record was altered after the ledger hashed it");
        }
        return new Decoded(envelope, leaf, canonical);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new WireFormatException("header '" + name + "' is missing");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> T parse(Headers headers, String name, java.util.function.Function<String, T> parser) {
        String value = required(headers, name);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new WireFormatException("header '" + name + "' has a malformed value '" + value + "'", e);
        }
    }
}
