package io.changeledger.query.export;

import io.changeledger.events.LedgerEvent;
import io.changeledger.events.SampleEvents;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.Control;
import io.changeledger.events.change.ControlViolationDetected;
import io.changeledger.events.wire.CheckpointCodec;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.events.wire.LedgerTopics;
import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.format.CsvReader;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.format.ExportManifest;
import io.changeledger.proof.format.ExportPackageWriter;
import io.changeledger.proof.format.ExportPackages;
import io.changeledger.proof.format.RowFormat;
import io.changeledger.proof.verify.ExportVerifier;
import io.changeledger.proof.verify.Finding;
import io.changeledger.proof.verify.VerificationReport;
import io.changeledger.query.LedgerApiIntegrationTest;
import io.changeledger.query.SignedLedger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export packages over a signed ledger: the changes and grants of one service and principal of this test's own,
 * sent at the next sequences of the shared tree, checkpointed, exported in every format and checked with the
 * offline verifier, then tampered with.
 */
class ExportIntegrationTest extends LedgerApiIntegrationTest {

    private static final String CHECKPOINTS = "changeledger.checkpoints";
    private static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CheckpointCodec checkpointCodec = new CheckpointCodec();
    private final String service = "export-" + UUID.randomUUID().toString().substring(0, 8);
    private final String principal = "auditee-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> changeIds = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void checkpointsTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBootstrapServers()))) {
            LedgerTopics.ensure(admin, new LedgerTopics.TopicSpec(CHECKPOINTS, 1, (short) 1, -1, 1));
        }
    }

    @Test
    void exportsEachFormatAsAPackageTheOfflineVerifierAccepts() throws Exception {
        Checkpoint checkpoint = ledgerOfTwelveChangesThreeBreachingAControl();

        for (String format : List.of("csv", "ndjson", "json", "pdf")) {
            Path export = export("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z&service="
                    + service + "&format=" + format);
            VerificationReport report = new ExportVerifier(SignedLedger.KEYS).verify(export);
            assertThat(report.findings()).as(format).isEmpty();
            ExportManifest manifest = manifest(export);
            assertThat(manifest.checkpoint()).isEqualTo(checkpoint);
            assertThat(manifest.rowCount()).isEqualTo(12);
            assertThat(manifest.mappingVersion()).isEqualTo("changes/1");
            assertThat(manifest.query().parameters()).containsEntry("service", service)
                    .containsEntry("format", format);
            assertThat(manifest.evidence().selection()).isEqualTo(ExportManifest.Evidence.ALL);
            assertThat(manifest.files()).extracting(ExportManifest.ExportFile::name).contains("evidence.json");
        }

        Path csv = export("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z&service=" + service);
        List<List<String>> rows = csvRows(csv, "changes.csv");
        assertThat(rows).hasSize(13);
        assertThat(rows.get(0)).startsWith("change_id", "kind", "service", "environment", "version");
        assertThat(rows.subList(1, 13)).extracting(row -> row.get(0)).containsExactlyElementsOf(changeIds);
        assertThat(rows.get(2).get(4)).as("a version with a comma and quotes, quoted per RFC 4180")
                .isEqualTo("2.0.1,\"rc\"");
        assertThat(rows.get(4).get(16)).isEqualTo("CHANGE_FREEZE");
        assertThat(text(csv, "changes.csv")).contains("\r\n", ",\"2.0.1,\"\"rc\"\"\",");
    }

    @Test
    void findsACsvRowModifiedInThePackageByItsFileAndRow() throws Exception {
        ledgerOfTwelveChangesThreeBreachingAControl();
        Path export = export("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z&service="
                + service + "&format=csv");

        Path altered = edit(export, "changes.csv", text -> text.replaceFirst(",COMPLETED,", ",FAILED,"));
        assertThat(new ExportVerifier(SignedLedger.KEYS).verify(altered).findings()).extracting(Finding::describe)
                .contains("FILE_MODIFIED: changes.csv row 1: the rows' hashes differ from the manifest's")
                .anyMatch(line -> line.startsWith("FILE_MODIFIED: changes.csv: its SHA-256 is"));

        Path forged = reissued(export, row -> row.set(2, "payments"), 5);
        assertThat(new ExportVerifier(SignedLedger.KEYS).verify(forged).findings())
                .as("every hash of the package recomputed: the row no longer matches its signed entry")
                .extracting(Finding::describe).singleElement().asString()
                .contains("changes.csv row 5: service is 'payments', the ledger's entry at sequence")
                .endsWith("says '" + service + "'");
    }

    @Test
    void findsAModifiedNdjsonLine() throws Exception {
        ledgerOfTwelveChangesThreeBreachingAControl();
        Path export = export("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z&service="
                + service + "&format=ndjson");

        Path altered = edit(export, "changes.ndjson", text -> text.replaceFirst("\"approvals\":0",
                "\"approvals\":2"));

        VerificationReport report = new ExportVerifier(SignedLedger.KEYS).verify(altered);
        assertThat(report.ok()).isFalse();
        assertThat(report.findings()).extracting(Finding::describe)
                .contains("FILE_MODIFIED: changes.ndjson row 1: the rows' hashes differ from the manifest's");
    }

    @Test
    void rendersAPdfReportWithItsSummaryTrendExceptionsAndCheckpoint() throws Exception {
        Checkpoint checkpoint = ledgerOfTwelveChangesThreeBreachingAControl();
        Path export = export("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z&service="
                + service + "&format=pdf");

        assertThat(new ExportVerifier(SignedLedger.KEYS).verify(export).findings()).isEmpty();
        assertThat(csvRows(export, "exceptions.csv")).hasSize(4);
        byte[] pdf = bytes(export, "report.pdf");
        // kept for a look: pdftoppm -png -r 80 target/export-report.pdf target/export-report
        Files.write(Path.of("target", "export-report.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Production changes", "Period 2026-11-01 to 2026-12-01",
                    "Scope: service = " + service, "Exceptions", "Trend: rows and exceptions per 7 days",
                    "Tree size " + checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.keyId(),
                    changeIds.get(3), "CHANGE_FREEZE");
        }
    }

    @Test
    void exportsTheGrantsOfAPrincipalAndLeavesOutWhatNoCheckpointCoversYet() throws Exception {
        ledgerOfTwelveChangesThreeBreachingAControl();
        Path export = export("/api/v1/exports/grants?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z"
                + "&principal=" + principal + "&format=csv");

        assertThat(new ExportVerifier(SignedLedger.KEYS).verify(export).findings()).isEmpty();
        List<List<String>> rows = csvRows(export, "grants.csv");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).contains(principal, "ACTIVE");

        LedgerEnvelope late = envelope(new ControlViolationDetected(changeIds.get(0), "CHANGE_FREEZE-9",
                Control.CHANGE_FREEZE, "found later", null, NOVEMBER.plusSeconds(60)), Instant.now());
        sendAtNextSequences(List.of(late));
        awaitHistory(changeIds.get(0), 2);
        Path again = export("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z&service="
                + service);
        assertThat(csvRows(again, "changes.csv").get(1).get(16)).as("the violation is after the checkpoint")
                .isEmpty();
    }

    @Test
    void exportsWhatTheCheckpointsTreeHoldsWhenALateCommitterWasPublishedAfterAHigherGlobalSequence()
            throws Exception {
        ledgerOfTwelveChangesThreeBreachingAControl();
        String changeId = changeIds.get(0);
        // the event store gave the late committer the lower global sequence, the publisher the later ledger sequence
        LedgerEnvelope lateCommitter = envelope(new ControlViolationDetected(changeId, "SEGREGATION_OF_DUTIES-1",
                Control.SEGREGATION_OF_DUTIES, "approved by the deployer", null, NOVEMBER.plusSeconds(7_200)),
                Instant.now());
        LedgerEnvelope publishedFirst = envelope(new ControlViolationDetected(changeId, "CHANGE_FREEZE-7",
                Control.CHANGE_FREEZE, "during the freeze", null, NOVEMBER.plusSeconds(7_200)), Instant.now());
        assertThat(lateCommitter.globalSequence()).isLessThan(publishedFirst.globalSequence());
        long withoutTheLateCommitter = sendAtNextSequences(List.of(publishedFirst));
        long withBoth = sendAtNextSequences(List.of(lateCommitter));
        awaitHistory(changeId, 3);

        checkpoint(withoutTheLateCommitter);
        List<String> row = csvRows(export("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z"
                + "&service=" + service), "changes.csv").get(1);
        assertThat(row.get(0)).isEqualTo(changeId);
        assertThat(row.get(16)).as("the late committer is not in this tree, though its global sequence is lower")
                .isEqualTo("CHANGE_FREEZE");
        assertThat(row.get(22)).isEqualTo(Long.toString(withoutTheLateCommitter - 1));

        checkpoint(withBoth);
        Path export = export("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z&service="
                + service);
        assertThat(new ExportVerifier(SignedLedger.KEYS).verify(export).findings()).isEmpty();
        row = csvRows(export, "changes.csv").get(1);
        assertThat(row.get(16)).as("the tree ends with the late committer, and holds the event published before it")
                .isEqualTo("SEGREGATION_OF_DUTIES;CHANGE_FREEZE");
        assertThat(row.get(22)).as("the state is as of the highest global sequence")
                .isEqualTo(Long.toString(withoutTheLateCommitter - 1));
    }

    @Test
    void answersProblemsForABadFormatOrPeriod() {
        assertProblem("/api/v1/exports/changes?from=" + NOVEMBER + "&to=2026-12-01T00:00:00Z&format=xlsx",
                HttpStatus.BAD_REQUEST);
        assertProblem("/api/v1/exports/grants?from=2026-12-01T00:00:00Z&to=" + NOVEMBER, HttpStatus.BAD_REQUEST);
    }

    /**
     * Twelve completed deployments of this test's service across November, the second with a version that needs
     * quoting, the fourth, eighth and twelfth breaching the change freeze; one standing grant of this test's
     * principal; all at the next sequences of the ledger, checkpointed once the query side has them.
     */
    private Checkpoint ledgerOfTwelveChangesThreeBreachingAControl() throws Exception {
        List<LedgerEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String changeId = newId();
            changeIds.add(changeId);
            Instant at = NOVEMBER.plusSeconds(i * 2L * 86_400 + 3_600);
            envelopes.add(envelope(recorded(changeId, new ChangeDetails.Deployment(i == 1 ? "2.0.1,\"rc\""
                    : "2.0." + i, null), service, "production", ChangeOutcome.COMPLETED, false, at), at));
            if (i % 4 == 3) {
                envelopes.add(envelope(new ControlViolationDetected(changeId, "CHANGE_FREEZE-1",
                        Control.CHANGE_FREEZE, "during the freeze", null, at), at));
            }
        }
        envelopes.add(standingGrant());
        Checkpoint checkpoint = checkpoint(sendAtNextSequences(envelopes));
        for (String changeId : changeIds) {
            awaitChange(changeId);
        }
        return checkpoint;
    }

    /** Signs the shared tree at that size and waits until the query side has verified the checkpoint. */
    private Checkpoint checkpoint(long size) throws Exception {
        Checkpoint checkpoint = SignedLedger.sign(size);
        producer.send(checkpointCodec.toRecord(CHECKPOINTS, checkpoint, SignedLedger.KEY.getPublic())).get();
        await("/api/v1/ledger/checkpoints/" + size, answer -> answer.get("status").asString().equals("VERIFIED"));
        return checkpoint;
    }

    /** The golden standing grant as one of this test's principal. */
    private LedgerEnvelope standingGrant() throws Exception {
        LedgerEnvelope sample = SampleEvents.envelopes().get("StandingAccessGranted-1");
        String payload = new String(codec.payload(sample.event()), StandardCharsets.UTF_8)
                .replace("7a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b", newId()).replace("svc-deployer", principal);
        LedgerEvent event = JSON.readValue(payload, sample.event().getClass());
        return envelope(event, Instant.parse("2026-11-26T10:00:00.250Z"));
    }

    /** @return the tree's size after them */
    private long sendAtNextSequences(List<LedgerEnvelope> envelopes) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        long size;
        synchronized (SignedLedger.TREE) {
            for (LedgerEnvelope envelope : envelopes) {
                ProducerRecord<String, byte[]> record = codec.toRecord(TOPIC, envelope, SignedLedger.TREE.size());
                SignedLedger.TREE.append(codec.leafOf(record.headers()).hash());
                records.add(record);
            }
            size = SignedLedger.TREE.size();
        }
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(new ProducerRecord<>(TOPIC, 0, record.key(), record.value(), record.headers()));
        }
        producer.flush();
        return size;
    }

    private Path export(String path) throws IOException {
        ResponseEntity<byte[]> answer = getBytes(path);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/zip");
        Path export = dir.resolve("export-" + UUID.randomUUID() + ".zip");
        Files.write(export, answer.getBody());
        return export;
    }

    /** The package with one file's text edited and nothing else touched: the manifest still has the old hashes. */
    private Path edit(Path export, String name, java.util.function.UnaryOperator<String> change) throws IOException {
        Path altered = dir.resolve("altered-" + export.getFileName());
        try (ZipFile zip = new ZipFile(export.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(altered))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] content = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(name)) {
                    String text = new String(content, StandardCharsets.UTF_8);
                    String changed = change.apply(text);
                    assertThat(changed).as("the edit changes " + name).isNotEqualTo(text);
                    content = changed.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return altered;
    }

    /**
     * The package as a forger would reissue it: one CSV row changed, then every file hash, row hash and block of
     * the manifest computed anew, the evidence kept. Only the signed checkpoint cannot be made anew.
     */
    private Path reissued(Path export, java.util.function.Consumer<List<String>> change, int row) throws IOException {
        ExportManifest manifest = manifest(export);
        List<List<String>> rows = csvRows(export, "changes.csv");
        change.accept(rows.get(row));
        EvidenceBundle evidence = EvidenceBundles.read(new ByteArrayInputStream(bytes(export, "evidence.json")));
        Path forged = dir.resolve("forged-" + export.getFileName());
        try (OutputStream out = Files.newOutputStream(forged)) {
            ExportPackageWriter writer = new ExportPackageWriter(out);
            try (ExportPackageWriter.RowWriter data = writer.rows("changes.csv", RowFormat.CSV, rows.get(0), 1)) {
                rows.subList(1, rows.size()).forEach(data::row);
            }
            writer.evidence("evidence.json", evidence);
            writer.finish(manifest);
        }
        return forged;
    }

    private static ExportManifest manifest(Path export) throws IOException {
        return ExportPackages.readManifest(new ByteArrayInputStream(bytes(export, "manifest.json")));
    }

    private static List<List<String>> csvRows(Path export, String name) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new ByteArrayInputStream(bytes(export, name)))) {
            for (List<String> record = csv.next(); record != null; record = csv.next()) {
                rows.add(new ArrayList<>(record));
            }
        }
        return rows;
    }

    private static String text(Path export, String name) throws IOException {
        return new String(bytes(export, name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path export, String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(export))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new AssertionError(export + " holds no " + name);
    }
}
