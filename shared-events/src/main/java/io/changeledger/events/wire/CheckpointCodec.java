package io.changeledger.events.wire;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.LedgerKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/**
 * Signed checkpoints on {@code changeledger.checkpoints}: key the ledger's origin, value the checkpoint as JSON,
 * header {@code public-key} the PEM of the key that signed it. That header is a convenience for readers, not
 * a root of trust: an auditor checks the key id against keys obtained out of band.
 */
public final class CheckpointCodec {

    public static final String PUBLIC_KEY = "public-key";

    private final JsonMapper json = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A checkpoint as read from the topic, with the key that its producer says signed it. */
    public record ReceivedCheckpoint(Checkpoint checkpoint, PublicKey publicKey) {
    }

    public ProducerRecord<String, byte[]> toRecord(String topic, Checkpoint checkpoint, PublicKey signedBy) {
        Headers headers = new RecordHeaders();
        headers.add(PUBLIC_KEY, LedgerKeys.pem(signedBy).getBytes(StandardCharsets.UTF_8));
        headers.add(LedgerHeaders.CONTENT_TYPE, LedgerHeaders.JSON.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, checkpoint.origin(), json.writeValueAsBytes(checkpoint), headers);
    }

    public byte[] json(Checkpoint checkpoint) {
        return json.writeValueAsBytes(checkpoint);
    }

    /** @throws WireFormatException if the value is not a checkpoint or the key header is missing or not a key */
    public ReceivedCheckpoint fromRecord(ConsumerRecord<String, byte[]> record) {
        Checkpoint checkpoint;
        try {
            checkpoint = json.readValue(record.value(), Checkpoint.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new WireFormatException("not a checkpoint: " + e.getMessage(), e);
        }
        Header key = record.headers().lastHeader(PUBLIC_KEY);
        if (key == null || key.value() == null) {
            throw new WireFormatException("header '" + PUBLIC_KEY + "' is missing");
        }
        try {
            PublicKey publicKey = LedgerKeys.publicKey(new String(key.value(), StandardCharsets.UTF_8));
            return new ReceivedCheckpoint(checkpoint, publicKey);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("header '" + PUBLIC_KEY + "' is not an Ed25519 public key", e);
        }
    }
}
