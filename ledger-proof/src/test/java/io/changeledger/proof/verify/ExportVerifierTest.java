package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.TrustedKey;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.ExportManifest;
import io.changeledger.proof.format.ExportManifest.AttestedColumn;
import io.changeledger.proof.format.ExportPackageWriter;
import io.changeledger.proof.format.InclusionProof;
import io.changeledger.proof.format.LedgerEntryLine;
import io.changeledger.proof.format.RowFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportVerifierTest {

    private static final List<String> COLUMNS = List.of("id", "service", "occurred_at", "status", "ledger_sequence",
            "leaf_hash");
    private static final ExportManifest.RowBinding BINDING = new ExportManifest.RowBinding(COLUMNS,
            "ledger_sequence", "leaf_hash", List.of(
            new AttestedColumn("id", List.of("/id"), AttestedColumn.TEXT),
            new AttestedColumn("service", List.of("/payload/service"), AttestedColumn.TEXT),
            new AttestedColumn("occurred_at", List.of("/occurredAt"), AttestedColumn.INSTANT)));

    private final TestLedger ledger = TestLedger.of(40, 40);
    private final Checkpoint checkpoint = ledger.checkpointAt(40);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RowFormat.class)
    void acceptsAPackageWhoseRowsAreTheSignedEntriesInEveryFormat(RowFormat format) throws IOException {
        Path export = write(format, rows(), List.of(3L, 9L, 17L, 25L, 31L), UnaryOperator.identity());

        VerificationReport report = new ExportVerifier(ledger.ring()).verify(export);

        assertThat(report.findings()).isEmpty();
        assertThat(report.entries()).isEqualTo(20);
    }

    @Test
    void pinsACsvRowChangedAfterTheExportToItsRowThroughTheManifestsRowHashes() throws IOException {
        Path export = write(RowFormat.CSV, rows(), List.of(3L), UnaryOperator.identity());
        Path altered = replaceInFile(export, "rows.csv", ",COMPLETED,3,", ",FAILED,3,");

        VerificationReport report = new ExportVerifier(ledger.ring()).verify(altered);

        assertThat(report.findings()).extracting(Finding::describe)
                .anyMatch(line -> line.startsWith("FILE_MODIFIED: rows.csv: its SHA-256 is"))
                .contains("FILE_MODIFIED: rows.csv row 2: the rows' hashes differ from the manifest's");
    }

    @Test
    void findsAnAttestedColumnChangedEvenWhenEveryHashOfThePackageWasRecomputed() throws IOException {
        List<List<Object>> rows = rows();
        rows.get(4).set(1, "svc-forged");
        Path export = write(RowFormat.CSV, rows, List.of(3L, 9L, 15L), UnaryOperator.identity());

        VerificationReport report = new ExportVerifier(ledger.ring()).verify(export);

        assertThat(report.findings()).extracting(Finding::describe).containsExactly(
                "MODIFIED sequence 9: rows.csv row 5: service is 'svc-forged', the ledger's entry at sequence 9 says"
                        + " 'svc-2'");
    }

    @Test
    void pinsAChangedNdjsonLineToItsRow() throws IOException {
        Path export = write(RowFormat.NDJSON, rows(), List.of(3L), UnaryOperator.identity());
        Path altered = replaceInFile(export, "rows.ndjson", "\"ledger_sequence\":13,", "\"ledger_sequence\":15,");

        VerificationReport report = new ExportVerifier(ledger.ring()).verify(altered);

        assertThat(report.findings()).extracting(Finding::describe)
                .contains("FILE_MODIFIED: rows.ndjson row 7: the rows' hashes differ from the manifest's");
    }

    @Test
    void checksEveryRowAgainstTheDumpWhenOnlyASampleIsProvenInThePackage() throws IOException {
        List<List<Object>> rows = rows();
        rows.get(8).set(1, "svc-forged");
        Path export = write(RowFormat.CSV, rows, List.of(3L), UnaryOperator.identity());
        Path dump = dir.resolve("ledger.ndjson");
        Files.write(dump, (String.join("\n", ledger.dump()) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(new ExportVerifier(ledger.ring()).verify(export).findings())
                .as("the forged row is not in the sample").isEmpty();
        assertThat(new ExportVerifier(ledger.ring()).verify(export, dump).findings()).extracting(Finding::describe)
                .containsExactly("MODIFIED sequence 17: rows.csv row 9: service is 'svc-forged', the ledger's"
                        + " entry at sequence 17 says 'svc-3'");
    }

    @Test
    void refusesRowsFromEventsOutsideTheCheckpointedTreeAndACheckpointOfAnUnknownKey() throws IOException {
        List<List<Object>> rows = rows();
        rows.get(0).set(4, 40L);
        Path export = write(RowFormat.CSV, rows, List.of(3L), manifest -> manifest);
        KeyRing stranger = KeyRing.of(new TrustedKey(LedgerKeys.generate().getPublic(), null, null));

        assertThat(new ExportVerifier(ledger.ring()).verify(export).findings()).extracting(Finding::describe)
                .containsExactly("BAD_PROOF sequence 40, tree size 40: rows.csv row 1: its event is not in the tree"
                        + " of 40 leaves the checkpoint signed");
        assertThat(new ExportVerifier(stranger).verify(export).findings()).extracting(Finding::kind)
                .contains(Finding.Kind.UNKNOWN_KEY);
    }

    /** Every other entry of the ledger as a row: id, service and time from the entry, a status of the projection. */
    private List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (int sequence = 1; sequence < 40; sequence += 2) {
            LedgerEntryLine entry = ledger.entries.get(sequence);
            rows.add(new ArrayList<>(java.util.Arrays.asList(entry.entry().get("id").asString(),
                    entry.entry().get("payload").get("service").asString(), entry.entry().get("occurredAt").asString(),
                    "COMPLETED", (long) sequence, entry.leafHash())));
        }
        return rows;
    }

    private Path write(RowFormat format, List<List<Object>> rows, List<Long> proven,
                       UnaryOperator<ExportManifest> edit) throws IOException {
        Path export = dir.resolve("export-" + format + "-" + System.nanoTime() + ".zip");
        try (OutputStream out = Files.newOutputStream(export)) {
            ExportPackageWriter writer = new ExportPackageWriter(out);
            try (ExportPackageWriter.RowWriter data = writer.rows("rows." + format.extension(), format, COLUMNS, 1)) {
                rows.forEach(data::row);
            }
            List<LedgerEntryLine> entries = proven.stream().map(s -> ledger.entries.get(s.intValue())).toList();
            List<InclusionProof> proofs = proven.stream().map(s -> new InclusionProof(s, 40,
                    ledger.tree.proofs().inclusion(s, 40).stream().map(Digest::hex).toList())).toList();
            writer.evidence("evidence.json", new EvidenceBundle(TestLedger.ORIGIN, List.of(checkpoint), entries, proofs,
                    List.of()));
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("format", format.name().toLowerCase());
            writer.finish(edit.apply(new ExportManifest(ExportManifest.FORMAT, "changes", "changes/1",
                    new ExportManifest.Query("/api/v1/exports/changes", parameters),
                    new ExportManifest.Period(Instant.parse("2026-01-01T00:00:00Z"),
                            Instant.parse("2026-02-01T00:00:00Z")),
                    Instant.parse("2026-02-01T00:00:01Z"), rows.size(), checkpoint, List.of(), BINDING,
                    new ExportManifest.Evidence("evidence.json", proven.size(), ExportManifest.Evidence.SAMPLE))));
        }
        return export;
    }

    /** The package with one file's text edited and nothing else touched, as a careless forger would. */
    private Path replaceInFile(Path export, String name, String from, String to) throws IOException {
        Path altered = dir.resolve("altered-" + export.getFileName());
        try (ZipFile zip = new ZipFile(export.toFile()); ZipOutputStream out =
                new ZipOutputStream(Files.newOutputStream(altered))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(name)) {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    assertThat(text).contains(from);
                    bytes = text.replaceFirst(java.util.regex.Pattern.quote(from), to)
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return altered;
    }
}
