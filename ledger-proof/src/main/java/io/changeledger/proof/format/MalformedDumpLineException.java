package io.changeledger.proof.format;

/** A line of a dump that is none of the three kinds; the reader goes on with the next line after it. */
public final class MalformedDumpLineException extends RuntimeException {

    private final long lineNumber;

    MalformedDumpLineException(long lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    public long lineNumber() {
        return lineNumber;
    }
}
