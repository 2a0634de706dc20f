package io.changeledger.proof.format;

import io.changeledger.proof.Checkpoint;

/** One line of a ledger dump, with its 1-based line number so that findings can point into the file. */
public sealed interface DumpLine {

    long lineNumber();

    /** The first line: which ledger, and how many entries the dump claims to hold. */
    record Header(long lineNumber, String format, String origin, long treeSize) implements DumpLine {
    }

    record CheckpointLine(long lineNumber, Checkpoint checkpoint) implements DumpLine {
    }

    record EntryLine(long lineNumber, LedgerEntryLine entry) implements DumpLine {
    }
}
