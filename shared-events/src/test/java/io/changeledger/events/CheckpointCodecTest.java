package io.changeledger.events;

import io.changeledger.events.wire.CheckpointCodec;
import io.changeledger.events.wire.WireFormatException;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.Hashes;
import io.changeledger.proof.LedgerKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointCodecTest {

    private final CheckpointCodec codec = new CheckpointCodec();

    @Test
    void readsBackTheCheckpointAndTheKeyItWasSentWith() {
        var keys = LedgerKeys.generate();
        var checkpoint = new CheckpointSigner("ledger.example", keys.getPrivate(), keys.getPublic())
                .sign(3, Hashes.leaf(new byte[] {1}), Instant.parse("2026-11-26T10:00:00.123Z"));
        var sent = codec.toRecord("changeledger.checkpoints", checkpoint, keys.getPublic());

        var received = codec.fromRecord(new ConsumerRecord<>(sent.topic(), 0, 0, 0, TimestampType.CREATE_TIME, 0, 0,
                sent.key(), sent.value(), sent.headers(), Optional.empty()));

        assertThat(sent.key()).isEqualTo("ledger.example");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).contains("\"time\":\"2026-11-26T10:00:00.123Z\"");
        assertThat(received.checkpoint()).isEqualTo(checkpoint);
        assertThat(received.publicKey()).isEqualTo(keys.getPublic());
    }

    @Test
    void rejectsACheckpointWithoutItsKey() {
        byte[] value = "{\"origin\":\"o\",\"treeSize\":1,\"rootHash\":\"00\",\"time\":\"2026-11-26T10:00:00Z\",\"keyId\":\"k\",\"signature\":\"s\"}"
                .getBytes(StandardCharsets.UTF_8);
        var record = new ConsumerRecord<>("t", 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, "o", value,
                new RecordHeaders(), Optional.empty());

        assertThatThrownBy(() -> codec.fromRecord(record)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("public-key");
    }
}
