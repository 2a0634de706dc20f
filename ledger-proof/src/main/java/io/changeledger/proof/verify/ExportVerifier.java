package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.format.CsvReader;
import io.changeledger.proof.format.DumpLine;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.format.ExportManifest;
import io.changeledger.proof.format.ExportManifest.AttestedColumn;
import io.changeledger.proof.format.ExportManifest.ExportFile;
import io.changeledger.proof.format.ExportPackages;
import io.changeledger.proof.format.ExportRows;
import io.changeledger.proof.format.InclusionProof;
import io.changeledger.proof.format.LedgerDumpReader;
import io.changeledger.proof.format.LedgerEntryLine;
import io.changeledger.proof.format.MalformedDumpLineException;
import io.changeledger.proof.format.RowFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks an export package offline: every file against its SHA-256 and row blocks in the manifest, the checkpoint's
 * signature, the evidence bundle's proofs to that checkpoint, and each row against the ledger entry it names (its
 * sequence below the checkpoint's size; for the rows whose entry is proven, the leaf hash and the attested columns).
 * Given the ledger's dump as well, every row is checked against its entry in the dump, which must hold the tree the
 * checkpoint signed. Findings name the file and the row (1 is the first row after a CSV header).
 */
public final class ExportVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyRing keys;

    public ExportVerifier(KeyRing keys) {
        this.keys = keys;
    }

    public VerificationReport verify(Path exportPackage) {
        return verify(exportPackage, null);
    }

    /** @param dump a ledger dump ({@code /api/v1/ledger/dump}) against which every row is checked; null for none */
    public VerificationReport verify(Path exportPackage, Path dump) {
        List<Finding> findings = new ArrayList<>();
        long[] rowsChecked = {0};
        try (ZipFile zip = new ZipFile(exportPackage.toFile(), StandardCharsets.UTF_8)) {
            ExportManifest manifest = manifest(zip, findings);
            if (manifest == null) {
                return new VerificationReport(findings, 0, 0);
            }
            Checkpoint checkpoint = manifest.checkpoint();
            Signatures.check(keys, checkpoint, "of the export ").ifPresent(findings::add);
            files(zip, manifest, findings);
            Map<Long, LedgerEntryLine> proven = evidence(zip, manifest, findings);
            Map<Long, RowRef> unproven = dump == null ? null : new HashMap<>();
            Set<Long> provenRows = new HashSet<>();
            for (ExportFile file : manifest.files()) {
                if (file.rows() != null && zip.getEntry(file.name()) != null) {
                    rowsChecked[0] += rows(zip, file, manifest, proven, provenRows, unproven, findings);
                }
            }
            if (manifest.evidence() != null && provenRows.size() < manifest.evidence().provenRows()) {
                findings.add(new Finding(Finding.Kind.BAD_PROOF, null, checkpoint.treeSize(), "the manifest says "
                        + manifest.evidence().provenRows() + " rows are proven, the evidence proves "
                        + provenRows.size()));
            }
            if (dump != null) {
                dump(dump, checkpoint, manifest, unproven, findings);
            }
        } catch (IOException | UncheckedIOException e) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, "the package is not a readable ZIP: "
                    + e.getMessage()));
        }
        return new VerificationReport(findings, rowsChecked[0], 1);
    }

    private static ExportManifest manifest(ZipFile zip, List<Finding> findings) throws IOException {
        ZipEntry entry = zip.getEntry(ExportManifest.FILE_NAME);
        if (entry == null) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, "the package holds no "
                    + ExportManifest.FILE_NAME));
            return null;
        }
        ExportManifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = ExportPackages.readManifest(in);
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, ExportManifest.FILE_NAME + ": "
                    + e.getMessage()));
            return null;
        }
        if (!ExportManifest.FORMAT.equals(manifest.format()) || manifest.checkpoint() == null
                || manifest.binding() == null) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, ExportManifest.FILE_NAME + " is not a "
                    + ExportManifest.FORMAT + " manifest with a checkpoint and a row binding"));
            return null;
        }
        return manifest;
    }

    private static void files(ZipFile zip, ExportManifest manifest, List<Finding> findings) throws IOException {
        Set<String> listed = new HashSet<>();
        for (ExportFile file : manifest.files()) {
            listed.add(file.name());
            ZipEntry entry = zip.getEntry(file.name());
            if (entry == null) {
                findings.add(new Finding(Finding.Kind.REMOVED, null, null, file.name()
                        + ": the manifest lists it, the package does not hold it"));
                continue;
            }
            String sha256;
            try (InputStream in = zip.getInputStream(entry)) {
                sha256 = sha256(in);
            }
            if (!sha256.equals(file.sha256())) {
                findings.add(new Finding(Finding.Kind.FILE_MODIFIED, null, null, file.name() + ": its SHA-256 is "
                        + sha256 + ", the manifest says " + file.sha256()));
            }
        }
        for (ZipEntry entry : Collections.list(zip.entries())) {
            if (!listed.contains(entry.getName()) && !entry.getName().equals(ExportManifest.FILE_NAME)) {
                findings.add(new Finding(Finding.Kind.INSERTED, null, null, entry.getName()
                        + ": the package holds a file the manifest does not list"));
            }
        }
    }

    /** @return the entries that the bundle proves in the checkpoint's tree, by sequence */
    private Map<Long, LedgerEntryLine> evidence(ZipFile zip, ExportManifest manifest, List<Finding> findings)
            throws IOException {
        Map<Long, LedgerEntryLine> proven = new HashMap<>();
        if (manifest.evidence() == null) {
            return proven;
        }
        ZipEntry entry = zip.getEntry(manifest.evidence().file());
        if (entry == null) {
            return proven;
        }
        EvidenceBundle bundle;
        try (InputStream in = zip.getInputStream(entry)) {
            bundle = EvidenceBundles.read(in);
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, manifest.evidence().file() + ": "
                    + e.getMessage()));
            return proven;
        }
        Checkpoint checkpoint = manifest.checkpoint();
        if (!bundle.checkpoints().contains(checkpoint)) {
            findings.add(new Finding(Finding.Kind.BAD_PROOF, null, checkpoint.treeSize(), manifest.evidence().file()
                    + " does not hold the checkpoint the manifest names"));
        }
        VerificationReport bundled = new BundleVerifier(keys).verify(bundle);
        Set<Long> failed = new HashSet<>();
        for (Finding finding : bundled.findings()) {
            findings.add(new Finding(finding.kind(), finding.sequence(), finding.treeSize(),
                    manifest.evidence().file() + ": " + finding.detail()));
            if (finding.sequence() != null) {
                failed.add(finding.sequence());
            }
        }
        Map<Long, LedgerEntryLine> entries = new HashMap<>();
        bundle.entries().forEach(line -> entries.put(line.sequence(), line));
        for (InclusionProof proof : bundle.inclusionProofs()) {
            LedgerEntryLine line = entries.get(proof.sequence());
            // only a proof to the export's own checkpoint, and one the bundle check found nothing wrong with, counts
            if (line != null && proof.treeSize() == checkpoint.treeSize() && !failed.contains(proof.sequence())
                    && bundle.checkpoints().contains(checkpoint)) {
                proven.put(proof.sequence(), line);
            }
        }
        return proven;
    }

    /** A row's claims about its entry, kept until the dump is read. */
    private record RowRef(String where, String leafHash, List<String> attested) {
    }

    /** @return the rows read */
    private static long rows(ZipFile zip, ExportFile file, ExportManifest manifest, Map<Long, LedgerEntryLine> proven,
                             Set<Long> provenRows, Map<Long, RowRef> unproven, List<Finding> findings)
            throws IOException {
        ExportManifest.RowBinding binding = manifest.binding();
        int sequenceIndex = binding.columns().indexOf(binding.sequenceColumn());
        int leafIndex = binding.columns().indexOf(binding.leafHashColumn());
        List<Integer> attestedIndexes = binding.attested().stream()
                .map(column -> binding.columns().indexOf(column.column())).toList();
        if (sequenceIndex < 0 || leafIndex < 0 || attestedIndexes.contains(-1)) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, ExportManifest.FILE_NAME
                    + ": the binding names a column that is not among the columns"));
            return 0;
        }
        RowFormat format = RowFormat.ofMediaType(file.mediaType()).orElse(null);
        if (format == null) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, file.name() + ": no rows of media type "
                    + file.mediaType()));
            return 0;
        }
        long treeSize = manifest.checkpoint().treeSize();
        boolean all = manifest.evidence() != null && ExportManifest.Evidence.ALL.equals(manifest.evidence().selection());
        Blocks blocks = new Blocks(file, findings);
        long[] count = {0};
        Consumer<List<String>> check = values -> {
            long row = ++count[0];
            String where = file.name() + " row " + row;
            blocks.add(row, values);
            if (values.size() != binding.columns().size()) {
                findings.add(new Finding(Finding.Kind.MALFORMED, null, null, where + ": " + values.size()
                        + " values, " + binding.columns().size() + " columns"));
                return;
            }
            long sequence;
            try {
                sequence = Long.parseLong(values.get(sequenceIndex));
            } catch (NumberFormatException e) {
                findings.add(new Finding(Finding.Kind.MALFORMED, null, null, where + ": the ledger sequence '"
                        + values.get(sequenceIndex) + "' is not a number"));
                return;
            }
            if (sequence < 0 || sequence >= treeSize) {
                findings.add(new Finding(Finding.Kind.BAD_PROOF, sequence, treeSize, where + ": its event is not in"
                        + " the tree of " + treeSize + " leaves the checkpoint signed"));
                return;
            }
            List<String> attested = attestedIndexes.stream().map(values::get).toList();
            LedgerEntryLine entry = proven.get(sequence);
            if (entry != null) {
                if (!provenRows.add(sequence)) {
                    findings.add(new Finding(Finding.Kind.INSERTED, sequence, null, where
                            + ": another row already comes from this ledger entry"));
                }
                compare(where, sequence, values.get(leafIndex), attested, entry, binding, findings);
            } else if (unproven != null) {
                if (unproven.put(sequence, new RowRef(where, values.get(leafIndex), attested)) != null) {
                    findings.add(new Finding(Finding.Kind.INSERTED, sequence, null, where
                            + ": another row already comes from this ledger entry"));
                }
            } else if (all) {
                findings.add(new Finding(Finding.Kind.BAD_PROOF, sequence, treeSize, where
                        + ": the evidence holds no proven entry for its event, though every row is said to be proven"));
            }
        };
        try (InputStream in = zip.getInputStream(zip.getEntry(file.name()))) {
            switch (format) {
                case CSV -> csv(in, file, binding, check, findings);
                case NDJSON -> ndjson(in, file, binding, check, findings);
                case JSON -> json(in, file, binding, check, findings);
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, file.name() + ": " + e.getMessage()));
        }
        blocks.end(count[0]);
        return count[0];
    }

    private static void compare(String where, long sequence, String leafHash, List<String> attested,
                                LedgerEntryLine entry, ExportManifest.RowBinding binding, List<Finding> findings) {
        if (!entry.leafHash().equals(leafHash)) {
            findings.add(new Finding(Finding.Kind.MODIFIED, sequence, null, where + ": its leaf hash is " + leafHash
                    + ", the ledger's entry at sequence " + sequence + " has " + entry.leafHash()));
        }
        for (int i = 0; i < binding.attested().size(); i++) {
            AttestedColumn column = binding.attested().get(i);
            String fromEntry = attested(entry.entry(), column);
            if (!same(column.type(), attested.get(i), fromEntry)) {
                findings.add(new Finding(Finding.Kind.MODIFIED, sequence, null, where + ": " + column.column()
                        + " is '" + attested.get(i) + "', the ledger's entry at sequence " + sequence + " says '"
                        + fromEntry + "'"));
            }
        }
    }

    private static String attested(JsonNode entry, AttestedColumn column) {
        for (String pointer : column.pointers()) {
            JsonNode value = entry.at(pointer);
            if (!value.isMissingNode() && !value.isNull()) {
                return ExportRows.text(value);
            }
        }
        return null;
    }

    private static boolean same(String type, String row, String entry) {
        if (row == null || row.isEmpty() || entry == null) {
            return (row == null || row.isEmpty()) && entry == null;
        }
        if (AttestedColumn.INSTANT.equals(type)) {
            try {
                return Instant.parse(row).truncatedTo(ChronoUnit.MICROS)
                        .equals(Instant.parse(entry).truncatedTo(ChronoUnit.MICROS));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return row.equals(entry);
    }

    private static void csv(InputStream in, ExportFile file, ExportManifest.RowBinding binding,
                            Consumer<List<String>> check, List<Finding> findings) {
        CsvReader csv = new CsvReader(in);
        List<String> header = csv.next();
        if (!binding.columns().equals(header)) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, file.name() + ": the header is " + header
                    + ", the manifest's columns are " + binding.columns()));
            return;
        }
        for (List<String> record = csv.next(); record != null; record = csv.next()) {
            check.accept(record);
        }
    }

    private static void ndjson(InputStream in, ExportFile file, ExportManifest.RowBinding binding,
                               Consumer<List<String>> check, List<Finding> findings) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (JacksonException e) {
                findings.add(new Finding(Finding.Kind.MALFORMED, null, null, file.name() + " line " + number
                        + ": not JSON"));
                check.accept(List.of());
                continue;
            }
            check.accept(ExportRows.values(row, binding.columns()));
        }
    }

    private static void json(InputStream in, ExportFile file, ExportManifest.RowBinding binding,
                             Consumer<List<String>> check, List<Finding> findings) {
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                findings.add(new Finding(Finding.Kind.MALFORMED, null, null, file.name() + ": not a JSON array"));
                return;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode row = parser.readValueAsTree();
                check.accept(ExportRows.values(row, binding.columns()));
            }
        } catch (JacksonException e) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, file.name() + ": " + e.getOriginalMessage()));
        }
    }

    /** Every row's entry in the dump, after the dump itself is verified to hold the checkpoint's tree. */
    private void dump(Path dump, Checkpoint checkpoint, ExportManifest manifest, Map<Long, RowRef> rows,
                      List<Finding> findings) throws IOException {
        try (InputStream in = Files.newInputStream(dump)) {
            VerificationReport dumped = new DumpVerifier(keys, List.of(checkpoint)).verify(in);
            dumped.findings().forEach(finding -> findings.add(new Finding(finding.kind(), finding.sequence(),
                    finding.treeSize(), "dump: " + finding.detail())));
        }
        try (LedgerDumpReader reader = new LedgerDumpReader(Files.newInputStream(dump))) {
            while (!rows.isEmpty()) {
                DumpLine line;
                try {
                    line = reader.next();
                } catch (MalformedDumpLineException e) {
                    continue;
                }
                if (line == null) {
                    break;
                }
                if (line instanceof DumpLine.EntryLine entryLine) {
                    LedgerEntryLine entry = entryLine.entry();
                    RowRef row = rows.remove(entry.sequence());
                    if (row != null) {
                        compare(row.where(), entry.sequence(), row.leafHash(), row.attested(), entry,
                                manifest.binding(), findings);
                    }
                }
            }
        }
        rows.forEach((sequence, row) -> findings.add(new Finding(Finding.Kind.BAD_PROOF, sequence,
                checkpoint.treeSize(), row.where() + ": the dump holds no entry at its sequence")));
    }

    /** Compares the rows' hashes, block by block, with the manifest's, to say which rows changed. */
    private static final class Blocks {

        private final ExportFile file;
        private final List<Finding> findings;
        private final MessageDigest block = sha();
        private final int size;
        private int index;

        Blocks(ExportFile file, List<Finding> findings) {
            this.file = file;
            this.findings = findings;
            this.size = file.rowBlocks() == null ? 0 : file.rowBlocks().size();
        }

        void add(long row, List<String> values) {
            if (size <= 0) {
                return;
            }
            block.update(ExportRows.rowHash(values).bytes());
            if (row % size == 0) {
                compare(row - size + 1, row);
            }
        }

        void end(long rows) {
            if (size <= 0) {
                return;
            }
            if (rows % size != 0) {
                compare(rows - rows % size + 1, rows);
            }
            if (file.rows() != null && rows != file.rows()) {
                findings.add(new Finding(rows < file.rows() ? Finding.Kind.REMOVED : Finding.Kind.INSERTED, null,
                        null, file.name() + " has " + rows + " rows, the manifest says " + file.rows()));
            }
        }

        private void compare(long first, long last) {
            String hash = HexFormat.of().formatHex(block.digest());
            List<String> expected = file.rowBlocks().hashes();
            if (index >= expected.size() || !expected.get(index).equals(hash)) {
                findings.add(new Finding(Finding.Kind.FILE_MODIFIED, null, null, file.name()
                        + (first == last ? " row " + first : " rows " + first + "-" + last)
                        + ": the rows' hashes differ from the manifest's"));
            }
            index++;
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest sha = sha();
        byte[] buffer = new byte[1 << 16];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            sha.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
