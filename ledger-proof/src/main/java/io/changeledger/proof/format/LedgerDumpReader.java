package io.changeledger.proof.format;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a ledger dump one line at a time, never the whole file. A line that is not a header, a checkpoint or an
 * entry raises {@link MalformedDumpLineException} with its line number, and the next call goes on with the line
 * after it: one bad line is a finding, not the end of the verification.
 */
public final class LedgerDumpReader implements Closeable {

    private final BufferedReader lines;
    private long lineNumber;

    public LedgerDumpReader(InputStream in) {
        // bytes that are not UTF-8 must not silently turn into U+FFFD and then into a "valid" different entry
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    /**
     * @return the next line, or null at the end
     * @throws MalformedDumpLineException for a line that is none of the three kinds (reading may go on)
     * @throws UncheckedIOException       if the stream cannot be read, or is not UTF-8
     */
    public DumpLine next() {
        String line;
        try {
            line = lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
        if (line == null) {
            return null;
        }
        return parse(line, ++lineNumber);
    }

    /**
     * One line of a dump, parsed on its own, so that a verifier can parse lines on several threads.
     *
     * @throws MalformedDumpLineException if it is none of the three kinds
     */
    public static DumpLine parse(String line, long lineNumber) {
        JsonNode node;
        try {
            node = FormatJson.MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw new MalformedDumpLineException(lineNumber, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedDumpLineException(lineNumber, "not a JSON object");
        }
        try {
            if (node.has("entry")) {
                JsonNode entry = node.get("entry");
                if (!entry.isObject()) {
                    throw new IllegalArgumentException("\"entry\" is not an object");
                }
                String leafHash = FormatJson.text(node, "leafHash");
                if (!leafHash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("\"leafHash\" is not 64 lowercase hexadecimal digits");
                }
                return new DumpLine.EntryLine(lineNumber,
                        new LedgerEntryLine(FormatJson.integer(node, "sequence"), leafHash, entry));
            }
            if (node.has("checkpoint")) {
                return new DumpLine.CheckpointLine(lineNumber, FormatJson.checkpoint(node.get("checkpoint")));
            }
            if (node.has("format")) {
                return new DumpLine.Header(lineNumber, FormatJson.text(node, "format"),
                        FormatJson.text(node, "origin"), FormatJson.integer(node, "treeSize"));
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedDumpLineException(lineNumber, e.getMessage());
        }
        throw new MalformedDumpLineException(lineNumber, "neither a header, a checkpoint nor an entry");
    }

    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
