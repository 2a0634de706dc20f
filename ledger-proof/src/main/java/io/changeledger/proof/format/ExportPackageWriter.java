package io.changeledger.proof.format;

import io.changeledger.proof.CompactTree;
import io.changeledger.proof.Digest;
import io.changeledger.proof.format.ExportManifest.ExportFile;
import io.changeledger.proof.format.ExportManifest.RowBlocks;
import tools.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an export package as a ZIP stream, one file after the other, hashing each as it goes: nothing is held but
 * buffers and, per data file, one hash per block of rows. The manifest comes last, when every hash is known. The
 * stream given is not closed; {@link #finish} ends the ZIP.
 */
public final class ExportPackageWriter {

    private final ZipOutputStream zip;
    private final List<ExportFile> files = new ArrayList<>();
    private boolean open;

    public ExportPackageWriter(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        // rows of text compress well at the fastest level; the CPU is better spent reading rows
        zip.setLevel(Deflater.BEST_SPEED);
    }

    /**
     * Starts a data file; its rows are written through the returned writer, which must be closed before the next
     * file is started.
     *
     * @param blockSize rows per block hash in the manifest: 1 pins a change to its row, more keeps the manifest small
     */
    public RowWriter rows(String name, RowFormat format, List<String> columns, int blockSize) {
        return new RowWriter(begin(name), name, format, List.copyOf(columns), Math.max(1, blockSize));
    }

    /** A file of any other kind, written by {@code content} to the stream it is given (which it must not close). */
    public void file(String name, String mediaType, Consumer<OutputStream> content) {
        HashingStream entry = begin(name);
        BufferedOutputStream buffered = new BufferedOutputStream(entry, 1 << 16);
        content.accept(buffered);
        try {
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        end(entry, new ExportFile(name, mediaType, entry.sha256(), entry.bytes, null, null, null));
    }

    public void evidence(String name, EvidenceBundle bundle) {
        file(name, "application/json", out -> EvidenceBundles.write(bundle, out));
    }

    /**
     * Writes the manifest, with the files written so far, and ends the ZIP.
     *
     * @param manifest everything but the files
     * @return the manifest as written
     */
    public ExportManifest finish(ExportManifest manifest) {
        ExportManifest complete = new ExportManifest(manifest.format(), manifest.population(),
                manifest.mappingVersion(), manifest.query(), manifest.period(), manifest.generatedAt(),
                manifest.rowCount(), manifest.checkpoint(), files, manifest.binding(), manifest.evidence());
        HashingStream entry = begin(ExportManifest.FILE_NAME);
        ExportPackages.writeManifest(complete, entry);
        try {
            zip.closeEntry();
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open = false;
        return complete;
    }

    private HashingStream begin(String name) {
        if (open) {
            throw new IllegalStateException("the previous file of the package is not closed");
        }
        try {
            zip.putNextEntry(new ZipEntry(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open = true;
        return new HashingStream(zip);
    }

    private void end(HashingStream entry, ExportFile file) {
        try {
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(file);
        open = false;
    }

    /** Writes the rows of one data file in its format. */
    public final class RowWriter implements AutoCloseable {

        private final HashingStream entry;
        private final BufferedOutputStream out;
        private final String name;
        private final RowFormat format;
        private final List<String> columns;
        private final int blockSize;
        private final CompactTree rowsTree = new CompactTree();
        private final List<String> blockHashes = new ArrayList<>();
        private final MessageDigest block = newSha256();
        private long rows;

        private RowWriter(HashingStream entry, String name, RowFormat format, List<String> columns, int blockSize) {
            this.entry = entry;
            this.out = new BufferedOutputStream(entry, 1 << 16);
            this.name = name;
            this.format = format;
            this.columns = columns;
            this.blockSize = blockSize;
            switch (format) {
                case CSV -> write(ExportRows.csvRecord(columns).getBytes(StandardCharsets.UTF_8));
                case JSON -> write(new byte[]{'['});
                case NDJSON -> { }
            }
        }

        /** @param values one per column: text, whole numbers, booleans or null */
        public void row(List<?> values) {
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException(name + " has " + columns.size() + " columns, the row "
                        + values.size() + " values");
            }
            List<String> texts = new ArrayList<>(values.size());
            values.forEach(value -> texts.add(ExportRows.text(value)));
            switch (format) {
                case CSV -> write(ExportRows.csvRecord(texts).getBytes(StandardCharsets.UTF_8));
                case NDJSON -> {
                    write(json(values));
                    write(new byte[]{'\n'});
                }
                case JSON -> {
                    write(rows == 0 ? new byte[]{'\n'} : new byte[]{',', '\n'});
                    write(json(values));
                }
            }
            Digest hash = ExportRows.rowHash(texts);
            rowsTree.append(hash);
            block.update(hash.bytes());
            rows++;
            if (rows % blockSize == 0) {
                blockHashes.add(HexFormat.of().formatHex(block.digest()));
            }
        }

        public long rows() {
            return rows;
        }

        /** Ends the file; the next one may begin. */
        @Override
        public void close() {
            if (format == RowFormat.JSON) {
                write(rows == 0 ? new byte[]{']', '\n'} : new byte[]{'\n', ']', '\n'});
            }
            if (rows % blockSize != 0) {
                blockHashes.add(HexFormat.of().formatHex(block.digest()));
            }
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            end(entry, new ExportFile(name, format.mediaType(), entry.sha256(), entry.bytes, rows,
                    rowsTree.root().hex(), new RowBlocks(blockSize, blockHashes)));
        }

        private byte[] json(List<?> values) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (JsonGenerator generator = FormatJson.MAPPER.createGenerator(bytes)) {
                generator.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    Object value = values.get(i);
                    generator.writeName(columns.get(i));
                    if (value == null) {
                        generator.writeNull();
                    } else if (value instanceof Boolean bool) {
                        generator.writeBoolean(bool);
                    } else if (value instanceof Long || value instanceof Integer) {
                        generator.writeNumber(((Number) value).longValue());
                    } else {
                        generator.writeString(value.toString());
                    }
                }
                generator.writeEndObject();
            }
            return bytes.toByteArray();
        }

        private void write(byte[] bytes) {
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Hashes and counts what passes into the current ZIP entry; closing it leaves the ZIP open. */
    private static final class HashingStream extends FilterOutputStream {

        private final MessageDigest sha = newSha256();
        private long bytes;

        HashingStream(OutputStream zip) {
            super(zip);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            bytes += len;
        }

        @Override
        public void close() {
        }

        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
