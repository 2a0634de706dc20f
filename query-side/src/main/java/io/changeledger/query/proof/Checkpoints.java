package io.changeledger.query.proof;

import io.changeledger.events.wire.CheckpointCodec;
import io.changeledger.events.wire.CheckpointCodec.ReceivedCheckpoint;
import io.changeledger.events.wire.WireFormatException;
import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointCheck;
import io.changeledger.proof.Digest;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.TrustedKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Takes signed checkpoints from their topic and compares each with the local tree once it is large enough. */
@Component
class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcClient jdbc;
    private final StoredNodes nodes;
    private final TrustedKeys trustedKeys;
    private final CheckpointCodec codec = new CheckpointCodec();

    Checkpoints(JdbcClient jdbc, StoredNodes nodes, TrustedKeys trustedKeys) {
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.trustedKeys = trustedKeys;
    }

    /**
     * Stores a checkpoint whose signature verifies: PENDING, or UNTRUSTED_KEY when trusted keys are configured and
     * its key is not one of them. The same checkpoint again changes nothing.
     *
     * @return why the record must be parked instead: not a checkpoint, or not signed by the key it names
     */
    Optional<String> receive(ConsumerRecord<String, byte[]> record) {
        ReceivedCheckpoint received;
        try {
            received = codec.fromRecord(record);
        } catch (WireFormatException e) {
            return Optional.of(e.getMessage());
        }
        Checkpoint checkpoint = received.checkpoint();
        String carriedKey = LedgerKeys.keyId(received.publicKey());
        if (!carriedKey.equals(checkpoint.keyId())) {
            return Optional.of("checkpoint of size " + checkpoint.treeSize() + " names key " + checkpoint.keyId()
                    + ", its record carries key " + carriedKey);
        }
        CheckpointCheck signature = KeyRing.of(new TrustedKey(received.publicKey(), null, null)).check(checkpoint);
        if (signature != CheckpointCheck.VALID) {
            return Optional.of("checkpoint of size " + checkpoint.treeSize() + " does not verify with key "
                    + carriedKey + ": " + signature);
        }
        // a key of the same id that is not the trusted one (a collision of its 64 bits) does not verify either
        CheckpointStatus status = trustedKeys.ring()
                .map(ring -> ring.check(checkpoint) == CheckpointCheck.VALID
                        ? CheckpointStatus.PENDING : CheckpointStatus.UNTRUSTED_KEY)
                .orElse(CheckpointStatus.PENDING);
        jdbc.sql("""
                        insert into ledger_key (key_id, public_key_pem, first_seen_at) values (?, ?, now())
                        on conflict (key_id) do nothing""")
                .params(carriedKey, LedgerKeys.pem(received.publicKey())).update();
        int stored = jdbc.sql("""
                        insert into ledger_checkpoint (origin, tree_size, root_hash, signed_at, signed_time, key_id,
                                                       signature, status)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (key_id, signature) do nothing""")
                .params(checkpoint.origin(), checkpoint.treeSize(), checkpoint.root().bytes(),
                        OffsetDateTime.ofInstant(checkpoint.time(), ZoneOffset.UTC), checkpoint.time().toString(), checkpoint.keyId(),
                        checkpoint.signature(), status.name())
                .update();
        if (stored == 1 && status == CheckpointStatus.UNTRUSTED_KEY) {
            log.warn("Checkpoint of size {} is signed by key {}, which is not a trusted key; it is kept, not compared",
                    checkpoint.treeSize(), checkpoint.keyId());
        }
        return Optional.empty();
    }

    /** Compares the pending checkpoints the tree has reached, in the transaction that grew it. */
    void compare(long treeSize, Digest treeRoot) {
        record Pending(long id, long treeSize, Digest root, String keyId) {
        }
        List<Pending> pending = jdbc.sql("""
                        select checkpoint_id, tree_size, root_hash, key_id from ledger_checkpoint
                        where status = 'PENDING' and tree_size <= ? order by tree_size""")
                .param(treeSize)
                .query((rs, row) -> new Pending(rs.getLong("checkpoint_id"), rs.getLong("tree_size"),
                        Digest.of(rs.getBytes("root_hash")), rs.getString("key_id")))
                .list();
        Map<Long, Digest> roots = new HashMap<>(Map.of(treeSize, treeRoot));
        for (Pending checkpoint : pending) {
            Digest root = roots.computeIfAbsent(checkpoint.treeSize(),
                    size -> nodes.compute(proofs -> proofs.root(size)));
            CheckpointStatus status = root.equals(checkpoint.root())
                    ? CheckpointStatus.VERIFIED : CheckpointStatus.ROOT_MISMATCH;
            if (status == CheckpointStatus.ROOT_MISMATCH) {
                log.error("Checkpoint of size {} signed by key {} has root {}, but the events this side received"
                                + " make root {}: they are not what the ledger signed", checkpoint.treeSize(),
                        checkpoint.keyId(), checkpoint.root(), root);
            }
            jdbc.sql("update ledger_checkpoint set status = ?, checked_at = now() where checkpoint_id = ?")
                    .params(status.name(), checkpoint.id()).update();
        }
    }
}
