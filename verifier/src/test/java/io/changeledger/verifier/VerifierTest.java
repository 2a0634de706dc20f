package io.changeledger.verifier;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.Digest;
import io.changeledger.proof.LeafEntry;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.MemoryTree;
import io.changeledger.proof.format.ConsistencyProof;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.format.ExportManifest;
import io.changeledger.proof.format.ExportPackageWriter;
import io.changeledger.proof.format.InclusionProof;
import io.changeledger.proof.format.LedgerDumpWriter;
import io.changeledger.proof.format.LedgerEntryLine;
import io.changeledger.proof.format.RowFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class VerifierTest {

    private static final String ORIGIN = "changeledger.test/cli";
    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path dir;

    private final KeyPair keys = LedgerKeys.generate();
    private final CheckpointSigner signer = new CheckpointSigner(ORIGIN, keys.getPrivate(), keys.getPublic());
    private final MemoryTree tree = new MemoryTree();
    private final List<LedgerEntryLine> entries = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private Path pem;
    private Path dump;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void ledger() throws IOException {
        for (int n = 0; n < 120; n++) {
            String at = START.plusSeconds(n).toString();
            var envelope = LeafEntry.envelope(new UUID(7, n), "DeploymentRecorded", "1", at, at,
                    ("{\"service\":\"svc-" + n + "\"}").getBytes(StandardCharsets.UTF_8));
            Digest leaf = LeafEntry.leafHash(envelope);
            entries.add(new LedgerEntryLine(n, leaf.hex(), envelope));
            tree.append(leaf);
            if ((n + 1) % 40 == 0) {
                checkpoints.add(signer.sign(tree.size(), tree.root(), START.plusSeconds(n + 1)));
            }
        }
        pem = write("keys.pem", LedgerKeys.pem(LedgerKeys.generate().getPublic()) + LedgerKeys.pem(keys.getPublic()));
        dump = dir.resolve("ledger.ndjson");
        try (OutputStream file = Files.newOutputStream(dump); LedgerDumpWriter writer = new LedgerDumpWriter(file)) {
            writer.header(ORIGIN, tree.size());
            checkpoints.forEach(writer::checkpoint);
            entries.forEach(writer::entry);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path checkpointFile(String name, Checkpoint checkpoint) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream stream = Files.newOutputStream(file)) {
            EvidenceBundles.writeCheckpoint(checkpoint, stream);
        }
        return file;
    }

    private int run(Object... args) {
        String[] strings = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        return Verifier.run(strings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsAnHonestDump() {
        assertThat(run("dump", dump, "--keys", pem)).isEqualTo(0);
        assertThat(output()).isEqualTo("VALID: 120 entries, 3 checkpoints checked, nothing found\n");
    }

    @Test
    void printsOneLinePerFindingOfATamperedDump() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dump));
        int line = 1 + checkpoints.size() + 42;
        lines.set(line, lines.get(line).replace("svc-42", "svc-24"));
        lines.remove(1 + checkpoints.size() + 100);
        Files.write(dump, lines);
        assertThat(run("dump", dump, "--keys", pem)).isEqualTo(1);
        assertThat(output()).startsWith("MODIFIED sequence 42: line 47: ")
                .contains("\nREMOVED sequence 100: this entry is missing from the dump; no checkpoint above size 100 "
                        + "can be checked\n")
                .endsWith("INVALID: 2 findings (1 MODIFIED, 1 REMOVED); 119 entries, 3 checkpoints checked\n");
    }

    @Test
    void checksADumpAgainstASavedCheckpoint() throws IOException {
        KeyPair otherKeys = keys;
        MemoryTree forked = new MemoryTree();
        entries.subList(0, 60).forEach(entry -> forked.append(Digest.fromHex(entry.leafHash())));
        forked.append(LeafEntry.leafHash(entries.get(0).entry()));
        while (forked.size() < 80) {
            forked.append(LeafEntry.leafHash(entries.get((int) forked.size()).entry()));
        }
        Checkpoint otherView = new CheckpointSigner(ORIGIN, otherKeys.getPrivate(), otherKeys.getPublic())
                .sign(80, forked.root(), START.plusSeconds(500));
        assertThat(run("dump", dump, "--keys", pem, "--trusted", checkpointFile("saved.json", otherView)))
                .isEqualTo(1);
        assertThat(output()).startsWith("FORK tree size 80: two validly signed checkpoints of this size");
        assertThat(run("dump", dump, "--keys", pem, "--trusted", checkpointFile("ok.json", checkpoints.get(0))))
                .isEqualTo(0);
    }

    @Test
    void readsAJsonKeyRingWithValidity() throws IOException {
        Path ring = write("ring.json", "{\"keys\":[{\"publicKey\":\"" + LedgerKeys.pem(keys.getPublic())
                .replace("\n", "\\n") + "\",\"validFrom\":\"2026-02-01T00:00:00Z\",\"validUntil\":"
                + "\"2026-02-01T00:01:30Z\"}]}");
        assertThat(run("dump", dump, "--keys", ring)).isEqualTo(1);
        assertThat(output()).startsWith("OUTSIDE_KEY_VALIDITY tree size 120: ");
    }

    @Test
    void refusesCheckpointsOfKeysItWasNotGiven() throws IOException {
        Path stranger = write("stranger.pem", LedgerKeys.pem(LedgerKeys.generate().getPublic()));
        assertThat(run("dump", dump, "--keys", stranger)).isEqualTo(1);
        assertThat(output()).contains("UNKNOWN_KEY tree size 40: ").contains("3 UNKNOWN_KEY");
    }

    @Test
    void verifiesABundle() throws IOException {
        EvidenceBundle bundle = new EvidenceBundle(ORIGIN, checkpoints, List.of(entries.get(5)),
                List.of(new InclusionProof(5, 120, hex(tree.proofs().inclusion(5, 120)))),
                List.of(new ConsistencyProof(40, 120, hex(tree.proofs().consistency(40, 120)))));
        Path file = dir.resolve("bundle.json");
        try (OutputStream stream = Files.newOutputStream(file)) {
            EvidenceBundles.write(bundle, stream);
        }
        assertThat(run("bundle", file, "--keys", pem)).isEqualTo(0);
        Files.writeString(file, Files.readString(file).replace("svc-5", "svc-6"));
        assertThat(run("bundle", file, "--keys", pem)).isEqualTo(1);
        assertThat(output()).contains("MODIFIED sequence 5: ");
    }

    @Test
    void checksThatANewCheckpointExtendsTheSavedOne() throws IOException {
        Path old = checkpointFile("old.json", checkpoints.get(0));
        Path current = checkpointFile("new.json", checkpoints.get(2));
        Path proof = dir.resolve("proof.json");
        try (OutputStream stream = Files.newOutputStream(proof)) {
            EvidenceBundles.writeConsistencyProof(new ConsistencyProof(40, 120, hex(tree.proofs()
                    .consistency(40, 120))), stream);
        }
        assertThat(run("consistency", "--old", old, "--new", current, "--proof", proof, "--keys", pem))
                .isEqualTo(0);
        assertThat(output()).isEqualTo("VALID: 2 checkpoints checked, nothing found\n");
        assertThat(run("consistency", "--old", current, "--new", old, "--proof", proof, "--keys", pem))
                .isEqualTo(1);
        assertThat(output()).contains("TRUNCATED sequence 40, tree size 40: rollback");
    }

    @Test
    void answersBadUsageAndUnreadableInputWithExitCodeTwo() throws IOException {
        assertThat(run()).isEqualTo(2);
        assertThat(run("dump", dump)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--keys is required");
        assertThat(run("dump", dir.resolve("missing.ndjson"), "--keys", pem)).isEqualTo(2);
        assertThat(run("bundle", write("not.json", "{"), "--keys", pem)).isEqualTo(1);
        assertThat(run("dump", dump, "--keys", write("empty.pem", "nothing"))).isEqualTo(2);
        assertThat(run("launch", dump, "--keys", pem)).isEqualTo(2);
        assertThat(run("consistency", "--old", dump, "--keys", pem)).isEqualTo(2);
        assertThat(run("consistency", "--old", dump, "--new", dump, "--proof", dump, "--keys", pem)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:");
    }

    private static List<String> hex(List<Digest> digests) {
        return digests.stream().map(Digest::hex).toList();
    }

    @Test
    void verifiesAnExportPackageAndNamesTheFileAndRowOfAChangedRow() throws IOException {
        Path export = dir.resolve("export.zip");
        Checkpoint checkpoint = checkpoints.get(2);
        List<String> columns = List.of("service", "status", "ledger_sequence", "leaf_hash");
        try (OutputStream file = Files.newOutputStream(export)) {
            ExportPackageWriter writer = new ExportPackageWriter(file);
            try (ExportPackageWriter.RowWriter rows = writer.rows("changes.csv", RowFormat.CSV, columns, 1)) {
                for (int n : new int[]{5, 50, 100}) {
                    rows.row(List.of("svc-" + n, "COMPLETED", (long) n, entries.get(n).leafHash()));
                }
            }
            writer.evidence("evidence.json", new EvidenceBundle(ORIGIN, List.of(checkpoint),
                    List.of(entries.get(5), entries.get(50), entries.get(100)), List.of(5, 50, 100).stream()
                    .map(n -> new InclusionProof(n, 120, tree.proofs().inclusion(n, 120).stream().map(Digest::hex)
                            .toList())).toList(), List.of()));
            writer.finish(new ExportManifest(ExportManifest.FORMAT, "changes", "changes/1",
                    new ExportManifest.Query("/api/v1/exports/changes", java.util.Map.of("format", "csv")),
                    new ExportManifest.Period(START, START.plusSeconds(120)), START.plusSeconds(121), 3, checkpoint,
                    List.of(), new ExportManifest.RowBinding(columns, "ledger_sequence", "leaf_hash",
                    List.of(new ExportManifest.AttestedColumn("service", List.of("/payload/service"), "text"))),
                    new ExportManifest.Evidence("evidence.json", 3, ExportManifest.Evidence.ALL)));
        }

        assertThat(run("export", export, "--keys", pem)).isEqualTo(0);
        assertThat(output()).contains("VALID: 3 rows, 1 checkpoint checked, nothing found");
        assertThat(run("export", export, "--keys", pem, "--dump", dump)).isEqualTo(0);

        Path altered = dir.resolve("altered.zip");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(export.toFile());
             java.util.zip.ZipOutputStream copy = new java.util.zip.ZipOutputStream(Files.newOutputStream(altered))) {
            for (var entry : java.util.Collections.list(zip.entries())) {
                String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                copy.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                copy.write((entry.getName().equals("changes.csv") ? text.replace("svc-50,COMPLETED", "svc-50,FAILED")
                        : text).getBytes(StandardCharsets.UTF_8));
                copy.closeEntry();
            }
        }
        assertThat(run("export", altered, "--keys", pem)).isEqualTo(1);
        assertThat(output()).contains("FILE_MODIFIED: changes.csv row 2: the rows' hashes differ from the manifest's",
                "INVALID: 2 findings (2 FILE_MODIFIED)");
    }
}
