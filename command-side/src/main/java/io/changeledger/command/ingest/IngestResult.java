package io.changeledger.command.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What became of one ingested item.
 *
 * @param index     the item's position in what the source sent, from 0
 * @param id        the ledger's id of what the item recorded; for a duplicate, the original's
 * @param existing  whether the item landed on something already on the ledger (a report of a planned change)
 * @param rejection why, in a word, the item was rejected: whether sending it again can help
 * @param reason    why the item was rejected; nothing of it was recorded, and it may be sent again
 * @param errors    the fields that made it invalid, when they are known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(int index, Status status, String id, Boolean existing, Rejection rejection, String reason,
                           List<FieldError> errors) {

    public enum Status { RECORDED, DUPLICATE, REJECTED }

    public enum Rejection {
        /** The item is malformed or breaks the ledger's rules for its type; sending it again will not help. */
        INVALID,
        /** The source may not report this type or system. */
        OUT_OF_SCOPE,
        /** A rule of the ledger refused it as things stand (a change already closed, a key reused). */
        CONFLICT,
        /** The ledger could not record it now; send it again later. */
        UNAVAILABLE
    }

    public record FieldError(String field, String message) {
    }

    static IngestResult recorded(int index, String id, boolean existing) {
        return new IngestResult(index, Status.RECORDED, id, existing, null, null, null);
    }

    static IngestResult duplicate(int index, String id) {
        return new IngestResult(index, Status.DUPLICATE, id, null, null, null, null);
    }

    public static IngestResult rejected(int index, String reason) {
        return rejected(index, reason, null);
    }

    static IngestResult rejected(int index, String reason, List<FieldError> errors) {
        return new IngestResult(index, Status.REJECTED, null, null, Rejection.INVALID, reason, errors);
    }

    static IngestResult outOfScope(int index, String reason) {
        return new IngestResult(index, Status.REJECTED, null, null, Rejection.OUT_OF_SCOPE, reason, null);
    }

    static IngestResult conflict(int index, String reason) {
        return new IngestResult(index, Status.REJECTED, null, null, Rejection.CONFLICT, reason, null);
    }

    static IngestResult unavailable(int index, String reason) {
        return new IngestResult(index, Status.REJECTED, null, null, Rejection.UNAVAILABLE, reason, null);
    }

    public boolean rejected() {
        return status == Status.REJECTED;
    }
}
