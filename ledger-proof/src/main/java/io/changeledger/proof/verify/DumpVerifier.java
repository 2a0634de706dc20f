package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.format.DumpLine;
import io.changeledger.proof.format.LedgerDumpReader;
import io.changeledger.proof.format.MalformedDumpLineException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

    private static final int BATCH = 512;

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
        BufferedReader reader = new BufferedReader(new InputStreamReader(dump, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "dump-verifier");
            thread.setDaemon(true);
            return thread;
        });
        // bounded, so that a fast reader does not pull the whole file into memory ahead of the tree
        ArrayDeque<Future<List<Parsed>>> inFlight = new ArrayDeque<>();
        try {
            long lineNumber = 0;
            boolean more = true;
            while (more) {
                List<String> batch = new ArrayList<>(BATCH);
                long first = lineNumber + 1;
                try {
                    String line;
                    while (batch.size() < BATCH && (line = reader.readLine()) != null) {
                        batch.add(line);
                    }
                } catch (IOException e) {
                    check.unreadable(lineNumber + batch.size() + 1, e);
                    more = false;
                }
                if (batch.size() < BATCH) {
                    more = false;
                }
                lineNumber += batch.size();
                if (!batch.isEmpty()) {
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

    private static List<Parsed> parse(List<String> lines, long firstLineNumber) {
        List<Parsed> parsed = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            parsed.add(Parsed.of(lines.get(i), firstLineNumber + i));
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
