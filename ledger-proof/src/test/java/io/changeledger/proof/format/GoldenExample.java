package io.changeledger.proof.format;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.LeafEntry;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.MemoryTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A three-event ledger signed with the committed OpenSSL key. Ed25519 signatures are deterministic, so the
 * example's bytes are the same on every run and a golden file can pin the wire shape.
 */
final class GoldenExample {

    static final String ORIGIN = "changeledger.example/golden";
    static final Instant FIRST_CHECKPOINT = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant SECOND_CHECKPOINT = Instant.parse("2026-03-01T12:05:00.123456789Z");

    final List<LedgerEntryLine> entries = new ArrayList<>();
    final MemoryTree tree = new MemoryTree();
    final CheckpointSigner signer;
    final Checkpoint atTwo;
    final Checkpoint atThree;

    GoldenExample() {
        signer = new CheckpointSigner(ORIGIN, LedgerKeys.privateKey(resource("/keys/openssl-ed25519.pem")),
                LedgerKeys.publicKey(resource("/keys/openssl-ed25519.pub.pem")));
        add("00000000-0000-4000-8000-000000000001", "DeploymentRecorded", "2026-03-01T11:58:00Z",
                "{\"service\":\"billing\",\"version\":\"1.4.2\",\"environment\":\"production\"}");
        add("00000000-0000-4000-8000-000000000002", "ApprovalGranted", "2026-03-01T11:59:00Z",
                "{\"approver\":\"ana\",\"comment\":\"ok \u2713\",\"risk\":0.25}");
        atTwo = signer.sign(2, tree.proofs().root(2), FIRST_CHECKPOINT);
        add("00000000-0000-4000-8000-000000000003", "IncidentOpened", "2026-03-01T12:01:00Z",
                "{\"severity\":2,\"tags\":[\"db\",\"latency\"],\"note\":null}");
        atThree = signer.sign(3, tree.root(), SECOND_CHECKPOINT);
    }

    private void add(String id, String type, String at, String payload) {
        var envelope = LeafEntry.envelope(UUID.fromString(id), type, "1", at, at,
                payload.getBytes(StandardCharsets.UTF_8));
        var leaf = LeafEntry.leafHash(envelope);
        entries.add(new LedgerEntryLine(entries.size(), leaf.hex(), envelope));
        tree.append(leaf);
    }

    static String resource(String name) {
        try (InputStream in = GoldenExample.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
