package io.changeledger.proof.format;

import java.util.Arrays;
import java.util.Optional;

/** How the rows of an export's data file are written. Every format carries the same values and row hashes. */
public enum RowFormat {
    /** RFC 4180: a header record, CRLF line ends, fields quoted when they hold a comma, a quote, CR or LF */
    CSV("text/csv", "csv"),
    /** one JSON object per line, each line ended by {@code \n} */
    NDJSON("application/x-ndjson", "ndjson"),
    /** one JSON array of the objects */
    JSON("application/json", "json");

    private final String mediaType;
    private final String extension;

    RowFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static Optional<RowFormat> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(format -> format.mediaType.equals(mediaType)).findFirst();
    }
}
