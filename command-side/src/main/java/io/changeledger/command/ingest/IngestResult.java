package io.changeledger.command.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What became of one item of a batch.
 *
 * @param index    the item's position in the batch, from 0
 * @param id       the ledger's id of what the item recorded; for a duplicate, the original's
 * @param existing whether the item landed on something already on the ledger (a report of a planned change)
 * @param reason   why the item was rejected; nothing of it was recorded, and it may be sent again
 * @param errors   the fields that made it invalid, when they are known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IngestResult(int index, Status status, String id, Boolean existing, String reason, List<FieldError> errors) {

    enum Status { RECORDED, DUPLICATE, REJECTED }

    record FieldError(String field, String message) {
    }

    static IngestResult recorded(int index, String id, boolean existing) {
        return new IngestResult(index, Status.RECORDED, id, existing, null, null);
    }

    static IngestResult duplicate(int index, String id) {
        return new IngestResult(index, Status.DUPLICATE, id, null, null, null);
    }

    static IngestResult rejected(int index, String reason) {
        return rejected(index, reason, null);
    }

    static IngestResult rejected(int index, String reason, List<FieldError> errors) {
        return new IngestResult(index, Status.REJECTED, null, null, reason, errors);
    }
}
