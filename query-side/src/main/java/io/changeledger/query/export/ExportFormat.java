package io.changeledger.query.export;

import io.changeledger.proof.format.RowFormat;

import java.util.Locale;

/** What the data of an export package is: rows in one of three formats, or a PDF report with its exception rows. */
enum ExportFormat {
    CSV(RowFormat.CSV),
    NDJSON(RowFormat.NDJSON),
    JSON(RowFormat.JSON),
    /** a report for people, with its exceptions as CSV rows next to it so that they can be verified */
    PDF(RowFormat.CSV);

    private final RowFormat rows;

    ExportFormat(RowFormat rows) {
        this.rows = rows;
    }

    RowFormat rows() {
        return rows;
    }

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException if it names no format */
    static ExportFormat of(String parameter) {
        return valueOf(parameter.toUpperCase(Locale.ROOT));
    }
}
