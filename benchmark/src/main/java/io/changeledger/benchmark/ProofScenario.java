package io.changeledger.benchmark;

import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.CompactTree;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Hashes;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LeafEntry;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.TrustedKey;
import io.changeledger.proof.format.LedgerDumpWriter;
import io.changeledger.proof.format.LedgerEntryLine;
import io.changeledger.proof.verify.DumpVerifier;
import io.changeledger.proof.verify.VerificationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The cost of tamper evidence, on this machine and without a running ledger: (a) what the server pays per event
 * to canonicalize its envelope, hash the leaf and extend the tree; (b) what an auditor waits to verify a dump of
 * the whole ledger, checkpoints every 1,000 events.
 */
final class ProofScenario {

    static final String ORIGIN = "changeledger.benchmark/proof";
    private static final int CHECKPOINT_EVERY = 1_000;
    private static final int WARMUP_EVENTS = 200_000;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] TYPES = {"DeploymentRecorded", "ChangeApproved", "IncidentOpened", "AccessGranted"};

    private final int events;
    private final PrintStream out;
    private final List<byte[]> payloads = new ArrayList<>();

    ProofScenario(int events, PrintStream out) {
        this.events = events;
        this.out = out;
        for (int i = 0; i < 1024; i++) {
            payloads.add(payload(i));
        }
    }

    /** About 450 bytes, the shape of a deployment with its approvals: strings, numbers, booleans, nesting. */
    private static byte[] payload(int i) {
        return ("{\"service\":\"service-" + (i % 50) + "\",\"environment\":\"" + (i % 3 == 0 ? "production" : "staging")
                + "\",\"version\":\"2." + (i % 40) + "." + i + "\",\"commit\":\""
                + "%08x".formatted(i * 2654435761L & 0xffffffffL).repeat(5) + "\",\"actor\":{\"id\":\"user-" + (i % 97)
                + "\",\"name\":\"Dévelopeur " + i + "\",\"team\":\"platform\"},\"approvals\":[{\"by\":\"lead-" + (i % 5)
                + "\",\"at\":\"2026-01-01T00:00:00Z\"},{\"by\":\"sec-" + (i % 3) + "\",\"at\":\"2026-01-01T00:01:00Z\"}],"
                + "\"risk\":" + (i % 100) / 8.0 + ",\"rollback\":" + (i % 7 == 0) + ",\"durationMs\":" + (1000 + i)
                + ",\"tags\":[\"change\",\"ticket-" + i + "\",\"q1\"],\"note\":\"deployed by pipeline\\nno issues\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] canonical(long n) {
        String at = START.plusMillis(250 * n).toString();
        return LeafEntry.canonicalBytes(new UUID(0x5eed, n), TYPES[(int) (n % TYPES.length)], "1", at, at,
                payloads.get((int) (n % payloads.size())));
    }

    private LedgerEntryLine entry(long n) {
        String at = START.plusMillis(250 * n).toString();
        var envelope = LeafEntry.envelope(new UUID(0x5eed, n), TYPES[(int) (n % TYPES.length)], "1", at, at,
                payloads.get((int) (n % payloads.size())));
        return new LedgerEntryLine(n, LeafEntry.leafHash(envelope).hex(), envelope);
    }

    boolean run() {
        out.printf("%nProof: %,d events, checkpoints every %,d, %d cores%n", events, CHECKPOINT_EVERY,
                Runtime.getRuntime().availableProcessors());
        hashAndAppend(Math.min(WARMUP_EVENTS, events), null);
        List<Digest> roots = new ArrayList<>();
        long started = System.nanoTime();
        hashAndAppend(events, roots);
        double hashSeconds = (System.nanoTime() - started) / 1e9;
        double hashPerSecond = events / hashSeconds;
        out.printf("  leaf hashing + tree append  %,12.0f events/s  (%.2f s, one thread)%n", hashPerSecond,
                hashSeconds);

        KeyPair keys = LedgerKeys.generate();
        CheckpointSigner signer = new CheckpointSigner(ORIGIN, keys.getPrivate(), keys.getPublic());
        Path dump = null;
        try {
            dump = Files.createTempFile("changeledger-proof-", ".ndjson");
            started = System.nanoTime();
            write(dump, signer, roots);
            double writeSeconds = (System.nanoTime() - started) / 1e9;
            long bytes = Files.size(dump);
            out.printf("  dump written                %,12d bytes  (%.2f s)%n", bytes, writeSeconds);

            KeyRing ring = KeyRing.of(new TrustedKey(keys.getPublic(), null, null));
            started = System.nanoTime();
            VerificationReport report;
            try (InputStream in = Files.newInputStream(dump)) {
                report = new DumpVerifier(ring).verify(in);
            }
            double verifySeconds = (System.nanoTime() - started) / 1e9;
            out.printf("  dump verified               %,12.0f events/s  (%.2f s, %s)%n", events / verifySeconds,
                    verifySeconds, report.ok() ? "valid" : report.findings().size() + " findings");
            out.printf("RESULT proof events=%d hash_append_per_s=%.0f dump_bytes=%d write_s=%.2f verify_s=%.2f "
                            + "verify_per_s=%.0f checkpoints=%d valid=%s%n", events, hashPerSecond, bytes, writeSeconds,
                    verifySeconds, events / verifySeconds, report.checkpoints(), report.ok());
            report.findings().stream().limit(10).forEach(finding -> out.println("  " + finding.describe()));
            return report.ok() && report.entries() == events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dump != null) {
                try {
                    Files.deleteIfExists(dump);
                } catch (IOException ignored) {
                    // a temp file left behind is not worth failing the run for
                }
            }
        }
    }

    private void hashAndAppend(int count, List<Digest> roots) {
        CompactTree tree = new CompactTree();
        for (long n = 0; n < count; n++) {
            tree.append(Hashes.leaf(canonical(n)));
            if (roots != null && tree.size() % CHECKPOINT_EVERY == 0) {
                roots.add(tree.root());
            }
        }
        if (roots != null && tree.size() % CHECKPOINT_EVERY != 0) {
            roots.add(tree.root());
        }
    }

    private void write(Path file, CheckpointSigner signer, List<Digest> roots) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file);
             LedgerDumpWriter writer = new LedgerDumpWriter(stream)) {
            writer.header(ORIGIN, events);
            for (int i = 0; i < roots.size(); i++) {
                long size = Math.min((long) (i + 1) * CHECKPOINT_EVERY, events);
                writer.checkpoint(signer.sign(size, roots.get(i), START.plusMillis(250 * size)));
            }
            for (long n = 0; n < events; n++) {
                writer.entry(entry(n));
            }
        }
    }
}
