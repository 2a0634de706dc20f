package io.changeledger.proof.verify;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CompactTree;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Hashes;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.format.DumpLine;
import io.changeledger.proof.format.LedgerDumpWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checks of a ledger dump, fed its lines in file order.
 *
 * <p>Entries are placed into the tree by their recorded sequence: one that comes early waits in a reorder window
 * until the ones before it arrived, so that lines merely moved are reported as REORDERED and the roots still
 * check. A sequence that never arrives (the window fills up, or the file ends) is REMOVED, and the tree cannot be
 * compared with any checkpoint after it.
 *
 * <p>Two trees are kept: one over the leaf hashes recomputed from the entries, one over the recorded hashes. An
 * entry whose content changed while its recorded hash did not is pinned exactly (MODIFIED at its sequence): the
 * recorded tree still matches the checkpoints. When both columns were rewritten consistently, only the roots can
 * tell, and the finding is ROOT_MISMATCH between the last checkpoint that matched and the first that did not.
 */
final class DumpCheck {

    static final int REORDER_WINDOW = 100_000;
    private static final int MAX_REMEMBERED_MISMATCHES = 100_000;

    private final KeyRing keys;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Finding> late = new ArrayList<>();

    private boolean headerSeen;
    private boolean linesSeen;
    private String origin;
    private long headerSize = -1;
    private int checkpointsChecked;

    /** Tree sizes to compare roots at, with what was signed for them. */
    private final TreeMap<Long, Target> targets = new TreeMap<>();
    private boolean entriesStarted;
    private long expectedSize = -1;

    private final CompactTree recomputedTree = new CompactTree();
    private final CompactTree recordedTree = new CompactTree();
    /** the first sequence after which the trees no longer hold the ledger's leaves; -1 while they do */
    private long brokenAt = -1;
    private long lastMatchingSize;
    private boolean rootMismatchReported;

    private long next;
    private long entries;
    private final TreeMap<Long, Placed> pending = new TreeMap<>();
    private final List<Long> segment = new ArrayList<>();
    private boolean segmentOverflow;
    private final List<Placed> mismatches = new ArrayList<>();

    private static final class Target {
        Checkpoint signed;
        boolean equivocated;
        Checkpoint trusted;
    }

    private record Placed(long sequence, long lineNumber, Digest recomputed, Digest recorded) {
    }

    DumpCheck(KeyRing keys, List<Checkpoint> trusted) {
        this.keys = keys;
        for (Checkpoint checkpoint : trusted) {
            Optional<Finding> problem = Signatures.check(keys, checkpoint, "(trusted) ");
            if (problem.isPresent()) {
                findings.add(problem.get());
                continue;
            }
            checkpointsChecked++;
            Target target = targets.computeIfAbsent(checkpoint.treeSize(), size -> new Target());
            if (target.trusted != null && !target.trusted.root().equals(checkpoint.root())) {
                findings.add(fork(checkpoint.treeSize(), target.trusted, checkpoint));
            } else {
                target.trusted = checkpoint;
            }
        }
    }

    void unreadable(long lineNumber, IOException e) {
        late.add(new Finding(Finding.Kind.MALFORMED, null, null, "line " + lineNumber + ": cannot be read ("
                + e + "); the dump is verified up to there"));
    }

    void accept(DumpVerifier.Parsed parsed) {
        boolean first = !linesSeen;
        linesSeen = true;
        if (parsed.line() == null) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, parsed.problem()));
            return;
        }
        if (parsed.line() instanceof DumpLine.Header header) {
            header(header, first);
        } else if (parsed.line() instanceof DumpLine.CheckpointLine line) {
            checkpoint(line);
        } else if (parsed.line() instanceof DumpLine.EntryLine line) {
            entry(line, parsed);
        }
    }

    private void header(DumpLine.Header header, boolean first) {
        if (headerSeen || !first) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, "line " + header.lineNumber()
                    + ": a header that is not the first line"));
            return;
        }
        headerSeen = true;
        if (!LedgerDumpWriter.FORMAT.equals(header.format())) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, "line 1: the format is " + header.format()
                    + ", not " + LedgerDumpWriter.FORMAT));
        }
        origin = header.origin();
        headerSize = header.treeSize();
    }

    private void checkpoint(DumpLine.CheckpointLine line) {
        Checkpoint checkpoint = line.checkpoint();
        if (entriesStarted) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, checkpoint.treeSize(), "line "
                    + line.lineNumber() + ": a checkpoint after the entries is not checked"));
            return;
        }
        if (origin != null && !origin.equals(checkpoint.origin())) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, checkpoint.treeSize(), "line "
                    + line.lineNumber() + ": a checkpoint of " + checkpoint.origin() + " in a dump of " + origin));
            return;
        }
        checkpointsChecked++;
        Optional<Finding> problem = Signatures.check(keys, checkpoint, "on line " + line.lineNumber() + " ");
        if (problem.isPresent()) {
            findings.add(problem.get());
            return;
        }
        Target target = targets.computeIfAbsent(checkpoint.treeSize(), size -> new Target());
        Checkpoint other = target.signed != null ? target.signed : target.trusted;
        if (other != null && !other.root().equals(checkpoint.root())) {
            if (!target.equivocated) {
                findings.add(fork(checkpoint.treeSize(), other, checkpoint));
            }
            target.equivocated = true;
        }
        if (target.signed == null) {
            target.signed = checkpoint;
        }
    }

    private static Finding fork(long size, Checkpoint one, Checkpoint other) {
        return new Finding(Finding.Kind.FORK, null, size, "two validly signed checkpoints of this size have "
                + "different roots: " + one.rootHash() + " (" + one.time() + ", key " + one.keyId() + ") and "
                + other.rootHash() + " (" + other.time() + ", key " + other.keyId() + ")");
    }

    private void startEntries() {
        if (entriesStarted) {
            return;
        }
        entriesStarted = true;
        if (!headerSeen) {
            findings.add(new Finding(Finding.Kind.MALFORMED, null, null, "line 1: the dump has no header"));
        }
        expectedSize = Math.max(headerSize, targets.isEmpty() ? -1 : targets.lastKey());
        compareRoots();
    }

    private void entry(DumpLine.EntryLine line, DumpVerifier.Parsed parsed) {
        startEntries();
        entries++;
        long sequence = line.entry().sequence();
        if (parsed.problem() != null) {
            findings.add(new Finding(Finding.Kind.MALFORMED, sequence, null, parsed.problem()));
        }
        Placed placed = new Placed(sequence, line.lineNumber(), parsed.recomputed(), parsed.recorded());
        if (expectedSize >= 0 && headerSeen && sequence >= expectedSize) {
            findings.add(new Finding(Finding.Kind.INSERTED, sequence, expectedSize, "line " + line.lineNumber()
                    + ": an entry beyond the " + expectedSize + " entries the header and checkpoints claim"));
            return;
        }
        if (sequence < next || pending.containsKey(sequence)) {
            findings.add(new Finding(Finding.Kind.INSERTED, sequence, null, "line " + line.lineNumber()
                    + ": a second entry with this sequence"));
            return;
        }
        if (sequence == next && pending.isEmpty()) {
            place(placed);
            return;
        }
        recordInSegment(sequence);
        if (sequence == next) {
            place(placed);
            drain();
        } else {
            pending.put(sequence, placed);
            if (pending.size() > REORDER_WINDOW) {
                removeGap();
            }
        }
    }

    private void recordInSegment(long sequence) {
        if (segment.size() < REORDER_WINDOW) {
            segment.add(sequence);
        } else {
            segmentOverflow = true;
        }
    }

    private void drain() {
        while (!pending.isEmpty() && pending.firstKey() == next) {
            place(pending.pollFirstEntry().getValue());
        }
        if (pending.isEmpty()) {
            closeSegment();
        }
    }

    /** The lowest missing sequence is not coming (the window is full, or the dump ended): it was removed. */
    private void removeGap() {
        long end = pending.firstKey();
        findings.add(new Finding(Finding.Kind.REMOVED, next, null, (end - next == 1 ? "this entry is"
                : "the " + (end - next) + " entries " + next + " to " + (end - 1) + " are") + " missing from the dump"
                + (brokenAt < 0 && hasTargetAbove(next) ? "; no checkpoint above size " + next + " can be checked" : "")));
        if (brokenAt < 0) {
            brokenAt = next;
        }
        next = end;
        drain();
    }

    private boolean hasTargetAbove(long size) {
        return targets.higherKey(size) != null;
    }

    private void place(Placed placed) {
        next = placed.sequence() + 1;
        if (placed.recomputed() != null && !placed.recomputed().equals(placed.recorded())) {
            if (mismatches.size() < MAX_REMEMBERED_MISMATCHES) {
                mismatches.add(placed);
            } else {
                findings.add(modified(placed, "its content does not hash to its recorded leaf hash"));
            }
        }
        if (brokenAt >= 0) {
            return;
        }
        // content that cannot be canonicalized cannot match anything; its recorded hash still feeds the other tree
        recomputedTree.append(placed.recomputed() != null ? placed.recomputed() : Hashes.EMPTY_ROOT);
        recordedTree.append(placed.recorded());
        compareRoots();
    }

    private void compareRoots() {
        long size = recordedTree.size();
        Target target = targets.get(size);
        if (target == null) {
            return;
        }
        Digest recorded = recordedTree.root();
        Digest recomputed = recomputedTree.root();
        if (target.signed != null && !target.equivocated) {
            Digest signed = target.signed.root();
            if (signed.equals(recorded) || signed.equals(recomputed)) {
                lastMatchingSize = size;
            } else if (!rootMismatchReported) {
                rootMismatchReported = true;
                findings.add(new Finding(Finding.Kind.ROOT_MISMATCH, lastMatchingSize, size, "the entries give root "
                        + recorded.hex() + ", the checkpoint signed " + signed.hex() + ": entries from sequence "
                        + lastMatchingSize + " to " + (size - 1) + " are not the ones signed (the checkpoint at size "
                        + lastMatchingSize + " still matched)"));
            }
        }
        if (target.trusted != null && !target.equivocated && !rootMismatchReported
                && !target.trusted.root().equals(recorded) && !target.trusted.root().equals(recomputed)) {
            findings.add(new Finding(Finding.Kind.FORK, null, size, "the dump's tree of this size has root "
                    + recorded.hex() + ", the trusted checkpoint of " + target.trusted.time() + " signed "
                    + target.trusted.rootHash()));
        }
    }

    /** A run of lines out of sequence order has been put back in order: name what moved. */
    private void closeSegment() {
        if (segment.isEmpty()) {
            return;
        }
        List<Long> order = new ArrayList<>(segment);
        boolean overflow = segmentOverflow;
        segment.clear();
        segmentOverflow = false;
        if (overflow) {
            findings.add(new Finding(Finding.Kind.REORDERED, order.get(0), null, "more than " + REORDER_WINDOW
                    + " entries from here are out of sequence order"));
            return;
        }
        int m = order.size();
        if (isAscending(order)) {
            return;
        }
        if (m >= 2 && order.get(0) > order.get(m - 1)) {
            List<Long> swapped = new ArrayList<>(order);
            swapped.set(0, order.get(m - 1));
            swapped.set(m - 1, order.get(0));
            if (isAscending(swapped)) {
                findings.add(new Finding(Finding.Kind.REORDERED, order.get(m - 1), null, "the entries of sequences "
                        + order.get(m - 1) + " and " + order.get(0) + " are exchanged in the dump"));
                return;
            }
        }
        for (int i : notInLongestAscendingRun(order)) {
            findings.add(new Finding(Finding.Kind.REORDERED, order.get(i), null, "the entry appears "
                    + (i == 0 ? "before sequence " + order.get(1) : "after sequence " + order.get(i - 1))
                    + " in the dump"));
        }
    }

    private static boolean isAscending(List<Long> order) {
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i) < order.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Positions outside one longest increasing subsequence: the fewest entries whose moving explains the order. */
    private static List<Integer> notInLongestAscendingRun(List<Long> order) {
        int m = order.size();
        int[] tails = new int[m];
        int[] previous = new int[m];
        int length = 0;
        for (int i = 0; i < m; i++) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.get(tails[mid]) < order.get(i)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            length = Math.max(length, lo + 1);
        }
        boolean[] kept = new boolean[m];
        for (int i = length > 0 ? tails[length - 1] : -1; i >= 0; i = previous[i]) {
            kept[i] = true;
        }
        List<Integer> moved = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (!kept[i]) {
                moved.add(i);
            }
        }
        return moved;
    }

    private static Finding modified(Placed placed, String why) {
        return new Finding(Finding.Kind.MODIFIED, placed.sequence(), null, "line " + placed.lineNumber() + ": " + why
                + " (" + placed.recorded().hex() + ")");
    }

    /** Contents exchanged between positions show as a pair whose hashes cross; anything else was modified. */
    private void pairMismatches() {
        Map<Digest, Placed> byRecorded = new HashMap<>();
        mismatches.forEach(placed -> byRecorded.putIfAbsent(placed.recorded(), placed));
        Map<Long, Boolean> reported = new LinkedHashMap<>();
        for (Placed placed : mismatches) {
            if (reported.containsKey(placed.sequence())) {
                continue;
            }
            Placed other = byRecorded.get(placed.recomputed());
            if (other != null && other.sequence() != placed.sequence() && !reported.containsKey(other.sequence())
                    && placed.recorded().equals(other.recomputed())) {
                findings.add(new Finding(Finding.Kind.REORDERED, Math.min(placed.sequence(), other.sequence()), null,
                        "the contents of sequences " + Math.min(placed.sequence(), other.sequence()) + " and "
                                + Math.max(placed.sequence(), other.sequence()) + " are exchanged: each hashes to "
                                + "the other's recorded leaf hash"));
                reported.put(other.sequence(), true);
            } else if (other != null && other.sequence() != placed.sequence()) {
                findings.add(modified(placed, "its content is a copy of sequence " + other.sequence() + "'s"));
            } else {
                findings.add(modified(placed, "its content does not hash to its recorded leaf hash"));
            }
            reported.put(placed.sequence(), true);
        }
    }

    VerificationReport finish() {
        startEntries();
        while (!pending.isEmpty()) {
            removeGap();
        }
        closeSegment();
        pairMismatches();
        if (next < expectedSize) {
            findings.add(new Finding(Finding.Kind.TRUNCATED, next, expectedSize, "the dump ends after sequence "
                    + (next - 1) + "; the header and checkpoints claim " + expectedSize + " entries"));
        }
        findings.addAll(late);
        List<Finding> ordered = new ArrayList<>(findings);
        // stable: the order of the file within one position
        ordered.sort(Comparator.comparingLong(DumpCheck::position));
        return new VerificationReport(ordered, entries, checkpointsChecked);
    }

    private static long position(Finding finding) {
        if (finding.sequence() != null) {
            return finding.sequence();
        }
        return finding.treeSize() != null ? finding.treeSize() - 1 : -1;
    }
}
