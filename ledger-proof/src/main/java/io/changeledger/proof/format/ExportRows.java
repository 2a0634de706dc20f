package io.changeledger.proof.format;

import io.changeledger.proof.CanonicalJson;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Hashes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;

/** The values of a row as every format carries them, and the hash that names a row whatever its format. */
public final class ExportRows {

    private ExportRows() {
    }

    /**
     * RFC 9162's leaf hash over the RFC 8785 canonical JSON array of the row's values as text (an absent value as
     * the empty string, as CSV cannot tell them apart): the same row hashes the same in CSV, NDJSON and JSON.
     */
    public static Digest rowHash(List<String> values) {
        ArrayNode array = FormatJson.MAPPER.createArrayNode();
        for (String value : values) {
            array.add(value == null ? "" : value);
        }
        return Hashes.leaf(CanonicalJson.canonicalize(array));
    }

    /** A value as text: numbers and booleans as JSON writes them, null as null. */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A JSON value of a row object as text, as {@link #text(Object)} gives it for the value written. */
    public static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }

    /** One CSV record per RFC 4180, with its CRLF. */
    public static String csvRecord(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = values.get(i);
            if (value == null) {
                continue;
            }
            if (needsQuotes(value)) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.append("\r\n").toString();
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The values of a row object in the order of the columns. */
    public static List<String> values(JsonNode row, List<String> columns) {
        List<String> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            values.add(text(row.get(column)));
        }
        return values;
    }
}
