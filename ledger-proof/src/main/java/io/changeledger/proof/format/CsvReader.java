package io.changeledger.proof.format;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: quoted fields may hold commas, doubled quotes and line breaks. A bare
 * LF ends a record too, so that a file whose line ends were converted still reads (its SHA-256 changed anyway).
 */
public final class CsvReader implements Closeable {

    private final BufferedReader in;
    private long record;

    public CsvReader(InputStream in) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /**
     * @return the next record's fields, or null at the end
     * @throws IllegalArgumentException if a quoted field is not closed, or a quote follows other text in a field
     */
    public List<String> next() {
        try {
            int c = in.read();
            if (c == -1) {
                return null;
            }
            record++;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new IllegalArgumentException("record " + record + ": a quoted field is not closed");
                    }
                    if (c == '"') {
                        in.mark(1);
                        int after = in.read();
                        if (after == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            in.reset();
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    if (field.length() > 0 || wasQuoted) {
                        throw new IllegalArgumentException("record " + record + ": a quote inside an unquoted field");
                    }
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r') {
                        in.mark(1);
                        if (in.read() != '\n') {
                            in.reset();
                        }
                    }
                    fields.add(field.toString());
                    return fields;
                } else {
                    field.append((char) c);
                }
                c = in.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("record " + (record + 1) + ": " + e.getMessage(), e);
        }
    }

    /** The number of the record {@link #next()} returned last, from 1 (the header). */
    public long recordNumber() {
        return record;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
