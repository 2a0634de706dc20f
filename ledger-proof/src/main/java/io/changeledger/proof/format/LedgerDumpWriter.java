package io.changeledger.proof.format;

import io.changeledger.proof.Checkpoint;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a ledger dump (NDJSON, UTF-8, each line ended by {@code \n}): the header, the checkpoints in ascending
 * tree size, then the entries in sequence order. Checkpoints come first so that a verifier reading the entries
 * once, as a stream, already knows at which sizes to compare roots. Lines are written as they come; nothing is
 * held but a buffer.
 *
 * <p>{@link #close()} flushes, and closes the stream only if this writer was made with {@code closeStream} true:
 * by default the caller that opened the stream (an HTTP response, a file) keeps it. The order of the lines is
 * enforced, so that a writer cannot produce a dump that its own verifier reports as malformed.
 */
public final class LedgerDumpWriter implements Closeable {

    public static final String FORMAT = "changeledger-ledger-dump/1";

    private final OutputStream target;
    private final OutputStream out;
    private final boolean closeStream;
    private boolean headerWritten;
    private long lastCheckpointSize = -1;
    private long nextSequence;

    /** A writer that leaves {@code out} open when closed. */
    public LedgerDumpWriter(OutputStream out) {
        this(out, false);
    }

    public LedgerDumpWriter(OutputStream out, boolean closeStream) {
        this.target = out;
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.closeStream = closeStream;
    }

    public void header(String origin, long treeSize) {
        if (headerWritten) {
            throw new IllegalStateException("a dump has one header");
        }
        ObjectNode line = FormatJson.MAPPER.createObjectNode();
        line.put("format", FORMAT);
        line.put("origin", origin);
        line.put("treeSize", treeSize);
        write(line);
        headerWritten = true;
    }

    /** @throws IllegalStateException after the first entry, or if the tree size is below the previous one's */
    public void checkpoint(Checkpoint checkpoint) {
        requireHeader();
        if (nextSequence > 0) {
            throw new IllegalStateException("checkpoints come before the entries");
        }
        if (checkpoint.treeSize() < lastCheckpointSize) {
            throw new IllegalStateException("checkpoints come in ascending tree size: " + checkpoint.treeSize()
                    + " after " + lastCheckpointSize);
        }
        ObjectNode line = FormatJson.MAPPER.createObjectNode();
        line.set("checkpoint", FormatJson.checkpoint(checkpoint));
        write(line);
        lastCheckpointSize = checkpoint.treeSize();
    }

    /** @throws IllegalStateException unless the entry's sequence is the next one, from 0 */
    public void entry(LedgerEntryLine entry) {
        requireHeader();
        if (entry.sequence() != nextSequence) {
            throw new IllegalStateException("entry " + nextSequence + " is next, got " + entry.sequence());
        }
        ObjectNode line = FormatJson.MAPPER.createObjectNode();
        line.put("sequence", entry.sequence());
        line.put("leafHash", entry.leafHash());
        line.set("entry", entry.entry());
        write(line);
        nextSequence++;
    }

    @Override
    public void close() throws IOException {
        out.flush();
        if (closeStream) {
            target.close();
        }
    }

    private void requireHeader() {
        if (!headerWritten) {
            throw new IllegalStateException("the header comes first");
        }
    }

    private void write(ObjectNode line) {
        try {
            out.write(FormatJson.MAPPER.writeValueAsBytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
