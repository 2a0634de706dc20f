package io.changeledger.proof.format;

import io.changeledger.proof.Checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code manifest.json} of an export package: what was asked, which signed checkpoint the rows rest on, every
 * file of the package with its SHA-256, and how each row is bound to the ledger entry it comes from.
 *
 * @param population     what the rows are, such as {@code changes} or {@code grants}
 * @param mappingVersion the version of the mapping from ledger events to rows that produced them
 * @param rowCount       the rows of the population (the exceptions of a PDF report are a subset)
 * @param checkpoint     the verified checkpoint the export rests on: only events of its tree count
 */
public record ExportManifest(String format, String population, String mappingVersion, Query query, Period period,
                             Instant generatedAt, long rowCount, Checkpoint checkpoint, List<ExportFile> files,
                             RowBinding binding, Evidence evidence) {

    public static final String FORMAT = "changeledger-export/1";
    public static final String FILE_NAME = "manifest.json";

    public ExportManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** @param parameters the request's parameters as given, in a stable order */
    public record Query(String endpoint, Map<String, String> parameters) {
    }

    /** @param to exclusive */
    public record Period(Instant from, Instant to) {
    }

    /**
     * One file of the package.
     *
     * @param rows      data files only: how many rows
     * @param rowsRoot  data files only: the RFC 9162 root over the rows' hashes ({@link ExportRows#rowHash}), the
     *                  same whatever the format: one value that names the population
     * @param rowBlocks data files only: the hashes of consecutive blocks of rows, so that a verifier can say which
     *                  rows changed rather than only that the file did
     */
    public record ExportFile(String name, String mediaType, String sha256, long bytes, Long rows, String rowsRoot,
                             RowBlocks rowBlocks) {

        public ExportFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * @param size   rows in a block (the last may hold fewer)
     * @param hashes hexadecimal SHA-256 over the concatenated 32-byte row hashes of each block, in order
     */
    public record RowBlocks(int size, List<String> hashes) {

        public RowBlocks {
            hashes = hashes == null ? List.of() : List.copyOf(hashes);
        }
    }

    /**
     * How a row names the ledger entry it comes from, and which of its columns that entry attests.
     *
     * @param columns        the columns of every data file, in order (CSV header; JSON object fields)
     * @param sequenceColumn the ledger sequence of the event that put the row's subject on the ledger
     * @param leafHashColumn that event's leaf hash
     * @param attested       columns whose value must equal a field of that event's entry
     */
    public record RowBinding(List<String> columns, String sequenceColumn, String leafHashColumn,
                             List<AttestedColumn> attested) {

        public RowBinding {
            columns = columns == null ? List.of() : List.copyOf(columns);
            attested = attested == null ? List.of() : List.copyOf(attested);
        }
    }

    /**
     * A column read from the ledger entry: the first of {@code pointers} (RFC 6901, into the entry object
     * {@code {id, type, revision, occurredAt, recordedAt, payload}}) that is present gives its value.
     *
     * @param type {@code text}: equal strings; {@code instant}: the same instant to the microsecond (the read
     *             model's precision)
     */
    public record AttestedColumn(String column, List<String> pointers, String type) {

        public static final String TEXT = "text";
        public static final String INSTANT = "instant";

        public AttestedColumn {
            pointers = pointers == null ? List.of() : List.copyOf(pointers);
        }
    }

    /**
     * @param file       the evidence bundle ({@link EvidenceBundle}) in the package
     * @param provenRows rows whose entry and inclusion proof the bundle carries
     * @param selection  {@code ALL} (every row is proven) or {@code SAMPLE} (a uniform random sample)
     */
    public record Evidence(String file, long provenRows, String selection) {

        public static final String ALL = "ALL";
        public static final String SAMPLE = "SAMPLE";
    }
}
