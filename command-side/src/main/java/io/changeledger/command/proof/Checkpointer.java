package io.changeledger.command.proof;

import io.changeledger.command.publication.KafkaClients;
import io.changeledger.events.wire.CheckpointCodec;
import io.changeledger.events.wire.LedgerTopics;
import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.Digest;
import io.changeledger.proof.LedgerKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs a checkpoint of the ledger's tree every {@code checkpoint-every} events, or every
 * {@code checkpoint-interval} if the tree grew less, stores it, and publishes it to the checkpoints topic. The
 * stored checkpoints not yet confirmed by Kafka are an outbox, sent again on the next round. Works on a thread
 * of its own so that signing never slows the publisher.
 */
@Component
public class Checkpointer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final LedgerProperties settings;
    private final CheckpointSigner signer;
    private final LedgerTree tree;
    private final KafkaClients kafka;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final CheckpointCodec codec = new CheckpointCodec();

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ledger-checkpointer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile LedgerTree.Head latest;
    private volatile long signedSize = -1;
    private volatile boolean running;
    private KafkaProducer<String, byte[]> producer;

    Checkpointer(LedgerProperties settings, CheckpointSigner signer, LedgerTree tree, KafkaClients kafka,
                 JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.settings = settings;
        this.signer = signer;
        this.tree = tree;
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Called by the publisher after each committed batch, with the tree it committed. */
    public void treeGrew(LedgerTree.Head head) {
        latest = head;
        if (running && head.size() - Math.max(signedSize, 0) >= settings.checkpointEvery()) {
            executor.execute(this::round);
        }
    }

    @Override
    public void start() {
        running = true;
        long interval = settings.checkpointInterval().toMillis();
        executor.scheduleWithFixedDelay(this::round, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            executor.awaitTermination(kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Signs the current tree unless the last checkpoint already covers it, then publishes what is unpublished. */
    void round() {
        try {
            if (signedSize < 0) {
                signedSize = jdbc.sql("select coalesce(max(tree_size), 0) from ledger_checkpoint")
                        .query(Long.class).single();
            }
            LedgerTree.Head head = latest != null ? latest : transaction.execute(status -> tree.storedHead());
            if (head != null && head.size() > signedSize) {
                sign(head);
            }
            publishUnpublished();
        } catch (RuntimeException e) {
            log.warn("Checkpointing failed; trying again in {}", settings.checkpointInterval(), e);
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
        }
    }

    private void sign(LedgerTree.Head head) {
        Checkpoint checkpoint = signer.sign(head.size(), head.root(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            jdbc.sql("""
                            insert into ledger_checkpoint (tree_size, origin, root_hash, signed_at, key_id, signature,
                                                           public_key)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(checkpoint.treeSize(), checkpoint.origin(), checkpoint.root().bytes(),
                            Timestamp.from(checkpoint.time()), checkpoint.keyId(), checkpoint.signature(),
                            LedgerKeys.pem(signer.publicKey()))
                    .update();
            log.debug("Signed checkpoint of {} events, root {}", checkpoint.treeSize(), checkpoint.rootHash());
        } catch (DuplicateKeyException e) {
            log.debug("Another instance signed the checkpoint of {} events", head.size());
        }
        signedSize = head.size();
    }

    private void publishUnpublished() {
        List<Checkpoint> unpublished = jdbc.sql("""
                        select c.tree_size, c.origin, c.root_hash, c.signed_at, c.key_id, c.signature
                        from ledger_checkpoint c
                        where not exists (select 1 from ledger_checkpoint_publication p where p.tree_size = c.tree_size)
                        order by c.tree_size""")
                .query((rs, row) -> new Checkpoint(rs.getString("origin"), rs.getLong("tree_size"),
                        Digest.of(rs.getBytes("root_hash")).hex(), rs.getTimestamp("signed_at").toInstant(),
                        rs.getString("key_id"), rs.getString("signature")))
                .list();
        for (Checkpoint checkpoint : unpublished) {
            try {
                producer().send(codec.toRecord(settings.checkpointsTopic().name(), checkpoint, signer.publicKey()))
                        .get(kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not publish the checkpoint of " + checkpoint.treeSize()
                        + " events", e);
            }
            jdbc.sql("insert into ledger_checkpoint_publication (tree_size) values (?) on conflict do nothing")
                    .param(checkpoint.treeSize()).update();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            try (Admin admin = kafka.admin()) {
                LedgerTopics.ensure(admin, settings.checkpointsTopic());
            }
            producer = kafka.durableProducer();
        }
        return producer;
    }

    private Duration kafkaTimeout() {
        return kafka.requestTimeout();
    }
}
