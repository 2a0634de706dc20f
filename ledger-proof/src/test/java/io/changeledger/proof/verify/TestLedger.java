package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.Digest;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LeafEntry;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.MemoryTree;
import io.changeledger.proof.TrustedKey;
import io.changeledger.proof.format.LedgerDumpWriter;
import io.changeledger.proof.format.LedgerEntryLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A real ledger in memory: events hashed as the server hashes them, a whole tree, signed checkpoints. */
final class TestLedger {

    static final String ORIGIN = "changeledger.test/prod";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final KeyPair KEYS = LedgerKeys.generate();

    final CheckpointSigner signer;
    final MemoryTree tree = new MemoryTree();
    final List<LedgerEntryLine> entries = new ArrayList<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();

    TestLedger() {
        this(new CheckpointSigner(ORIGIN, KEYS.getPrivate(), KEYS.getPublic()));
    }

    TestLedger(CheckpointSigner signer) {
        this.signer = signer;
    }

    /** {@code count} events, a checkpoint every {@code every} of them (and at the end), one minute apart. */
    static TestLedger of(int count, int every) {
        TestLedger ledger = new TestLedger();
        ledger.append(count, "main", every);
        return ledger;
    }

    void append(int count, String branch, int every) {
        for (int i = 0; i < count; i++) {
            int n = entries.size();
            String at = START.plusSeconds(60L * n).toString();
            String payload = "{\"service\":\"svc-" + (n % 7) + "\",\"version\":\"1." + n + "\",\"branch\":\""
                    + branch + "\",\"approved\":" + (n % 2 == 0) + ",\"risk\":" + (n % 10) / 10.0 + "}";
            var envelope = LeafEntry.envelope(new UUID(0x1234, n), n % 3 == 0 ? "DeploymentRecorded"
                            : "ChangeApproved", "1", at, at, payload.getBytes(StandardCharsets.UTF_8));
            Digest leaf = LeafEntry.leafHash(envelope);
            entries.add(new LedgerEntryLine(n, leaf.hex(), envelope));
            tree.append(leaf);
            if (entries.size() % every == 0) {
                checkpoint();
            }
        }
        if (entries.size() % every != 0) {
            checkpoint();
        }
    }

    Checkpoint checkpoint() {
        return checkpoint(signer, START.plusSeconds(60L * tree.size()));
    }

    Checkpoint checkpoint(CheckpointSigner by, Instant time) {
        Checkpoint checkpoint = by.sign(tree.size(), tree.root(), time);
        checkpoints.add(checkpoint);
        return checkpoint;
    }

    Checkpoint checkpointAt(long size) {
        return checkpoints.stream().filter(c -> c.treeSize() == size).findFirst().orElseThrow();
    }

    KeyRing ring() {
        return KeyRing.of(new TrustedKey(KEYS.getPublic(), null, null));
    }

    List<String> dump() {
        return dump(checkpoints, entries, tree.size());
    }

    static List<String> dump(List<Checkpoint> checkpoints, List<LedgerEntryLine> entries, long headerSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LedgerDumpWriter writer = new LedgerDumpWriter(out)) {
            writer.header(ORIGIN, headerSize);
            checkpoints.stream().sorted(java.util.Comparator.comparingLong(Checkpoint::treeSize))
                    .forEach(writer::checkpoint);
            entries.forEach(writer::entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n")));
    }

    /** The index in {@link #dump()}'s lines of the entry with this sequence. */
    int lineOf(long sequence) {
        return 1 + checkpoints.size() + (int) sequence;
    }

    static InputStream stream(List<String> lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
