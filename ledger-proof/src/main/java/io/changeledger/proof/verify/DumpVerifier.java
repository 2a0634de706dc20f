package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.format.DumpLine;
import io.changeledger.proof.format.LedgerDumpReader;
import io.changeledger.proof.format.MalformedDumpLineException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies a ledger dump in one pass, in memory bounded by the reorder window rather than by the ledger. Parsing
 * and leaf hashing, the expensive part, run on all cores in batches; the tree is appended to in order on the
 * calling thread. See {@link DumpCheck} for what is checked.
 */
public final class DumpVerifier {

    /** About 1,500 lines of a typical dump: few enough tasks, little memory in flight. */
    private static final int CHUNK = 1 << 20;

    private final KeyRing keys;
    private final List<Checkpoint> trusted;
    private final int threads;

    public DumpVerifier(KeyRing keys) {
        this(keys, List.of());
    }

    /** @param trusted checkpoints the auditor saved earlier: the dump must hold the trees they signed */
    public DumpVerifier(KeyRing keys, Collection<Checkpoint> trusted) {
        this(keys, trusted, Runtime.getRuntime().availableProcessors());
    }

    DumpVerifier(KeyRing keys, Collection<Checkpoint> trusted, int threads) {
        this.keys = keys;
        this.trusted = List.copyOf(trusted);
        this.threads = Math.max(1, threads);
    }

    /** Reads the dump to its end; the caller closes the stream. */
    public VerificationReport verify(InputStream dump) {
        DumpCheck check = new DumpCheck(keys, trusted);
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "dump-verifier");
            thread.setDaemon(true);
            return thread;
        });
        // bounded, so that a fast reader does not pull the whole file into memory ahead of the tree
        ArrayDeque<Future<List<Parsed>>> inFlight = new ArrayDeque<>();
        try {
            long lineNumber = 0;
            byte[] carry = new byte[0];
            boolean more = true;
            while (more) {
                byte[] chunk;
                try {
                    chunk = dump.readNBytes(CHUNK);
                } catch (IOException e) {
                    check.unreadable(lineNumber + 1, e);
                    chunk = new byte[0];
                }
                more = chunk.length == CHUNK;
                byte[] data = join(carry, chunk);
                // whole lines go to a worker; the bytes after the last newline wait for the next chunk
                int end = more ? lastNewline(data) + 1 : data.length;
                carry = Arrays.copyOfRange(data, end, data.length);
                if (end > 0) {
                    long first = lineNumber + 1;
                    lineNumber += lines(data, end);
                    byte[] batch = end == data.length ? data : Arrays.copyOf(data, end);
                    inFlight.add(workers.submit(() -> parse(batch, first)));
                }
                while (inFlight.size() > 2 * threads || !more && !inFlight.isEmpty()) {
                    for (Parsed parsed : inFlight.poll().get()) {
                        check.accept(parsed);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not verify the dump", e.getCause());
        } finally {
            workers.shutdownNow();
        }
        return check.finish();
    }

    private static byte[] join(byte[] carry, byte[] chunk) {
        if (carry.length == 0) {
            return chunk;
        }
        byte[] data = Arrays.copyOf(carry, carry.length + chunk.length);
        System.arraycopy(chunk, 0, data, carry.length, chunk.length);
        return data;
    }

    private static int lastNewline(byte[] data) {
        for (int i = data.length - 1; i >= 0; i--) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Lines in data[0, end): every newline ends one, and so does the end when the last line has none. */
    private static long lines(byte[] data, int end) {
        long count = 0;
        for (int i = 0; i < end; i++) {
            if (data[i] == '\n') {
                count++;
            }
        }
        return data[end - 1] == '\n' ? count : count + 1;
    }

    /** Splits, decodes and parses on a worker: the reading thread only looks for newlines. */
    private static List<Parsed> parse(byte[] data, long firstLineNumber) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Parsed> parsed = new ArrayList<>();
        long lineNumber = firstLineNumber;
        int start = 0;
        while (start < data.length) {
            int newline = start;
            while (newline < data.length && data[newline] != '\n') {
                newline++;
            }
            int end = newline > start && data[newline - 1] == '\r' ? newline - 1 : newline;
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(data, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                line = null;
            }
            parsed.add(line == null
                    ? new Parsed(lineNumber, null, null, null, "line " + lineNumber + ": not UTF-8")
                    : Parsed.of(line, lineNumber));
            lineNumber++;
            start = newline + 1;
        }
        return parsed;
    }

    /** A line as a worker leaves it: parsed, and for an entry the leaf hash recomputed from its content. */
    record Parsed(long lineNumber, DumpLine line, Digest recomputed, Digest recorded, String problem) {

        static Parsed of(String text, long lineNumber) {
            DumpLine line;
            try {
                line = LedgerDumpReader.parse(text, lineNumber);
            } catch (MalformedDumpLineException e) {
                return new Parsed(lineNumber, null, null, null, e.getMessage());
            }
            if (line instanceof DumpLine.EntryLine entry) {
                Digest recorded = Digest.fromHex(entry.entry().leafHash());
                try {
                    return new Parsed(lineNumber, line, io.changeledger.proof.LeafEntry.leafHash(entry.entry().entry()),
                            recorded, null);
                } catch (IllegalArgumentException e) {
                    // content JSON canonicalization refuses (a lone surrogate): it cannot be what was hashed
                    return new Parsed(lineNumber, line, null, recorded, "line " + lineNumber + ": " + e.getMessage());
                }
            }
            return new Parsed(lineNumber, line, null, null, null);
        }
    }
}
