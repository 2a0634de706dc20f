package io.changeledger.query.proof;

import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.query.web.Page;
import io.changeledger.query.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/** What an auditor needs to check the ledger without trusting this server: entries, proofs, checkpoints, keys. */
@RestController
@RequestMapping(path = "/api/v1/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
class LedgerController {

    private static final String NDJSON = "application/x-ndjson";

    private final LedgerQueries queries;
    private final LedgerExports exports;

    LedgerController(LedgerQueries queries, LedgerExports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    @GetMapping("/checkpoints")
    Page<CheckpointView> checkpoints(@RequestParam(required = false) CheckpointStatus status,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.handle(new FindCheckpointsQuery(status, page, size));
    }

    /** Mapped literally, so it wins over {@link #checkpoint}. */
    @GetMapping("/checkpoints/latest")
    CheckpointView latestCheckpoint() {
        return queries.handle(new FindLatestCheckpointQuery())
                .orElseThrow(() -> Problems.notFound("Checkpoint not found", "No checkpoint is verified yet"));
    }

    @GetMapping("/checkpoints/{treeSize}")
    CheckpointView checkpoint(@PathVariable @Min(0) long treeSize) {
        return queries.handle(new FindCheckpointQuery(treeSize))
                .orElseThrow(() -> Problems.notFound("Checkpoint not found", "No checkpoint of tree size "
                        + treeSize));
    }

    @GetMapping("/entries/{sequence}")
    EntryView entry(@PathVariable @Min(0) long sequence) {
        return queries.handle(new FindEntryQuery(sequence))
                .orElseThrow(() -> Problems.notFound("Entry not found", "No entry at sequence " + sequence));
    }

    @GetMapping("/events/{eventId}")
    EntryView eventEntry(@PathVariable UUID eventId) {
        return queries.handle(new FindEventEntryQuery(eventId))
                .orElseThrow(() -> Problems.notFound("Entry not found", "No entry of event " + eventId));
    }

    @GetMapping("/proofs/inclusion")
    InclusionProof inclusion(@RequestParam(required = false) @Min(0) Long sequence,
                             @RequestParam(required = false) UUID eventId,
                             @RequestParam(required = false) @Min(1) Long treeSize) {
        if ((sequence == null) == (eventId == null)) {
            throw Problems.badRequest("Give either 'sequence' or 'eventId'");
        }
        return queries.handle(new FindInclusionProofQuery(sequence, eventId, treeSize))
                .orElseThrow(() -> Problems.notFound("Entry not found", sequence != null
                        ? "No entry at sequence " + sequence : "No entry of event " + eventId));
    }

    @GetMapping("/proofs/consistency")
    ConsistencyProof consistency(@RequestParam @Min(0) long from, @RequestParam @Min(0) long to) {
        if (from > to) {
            throw Problems.badParameter("from", "'from' must not be above 'to'");
        }
        return queries.handle(new FindConsistencyProofQuery(from, to));
    }

    /** Streamed as it is read, so that a ledger of any size is exported in bounded memory. */
    @GetMapping(path = "/dump", produces = NDJSON)
    void dump(@RequestParam(required = false) @Min(0) Long treeSize, HttpServletResponse response)
            throws IOException {
        LedgerExports.DumpPlan plan = exports.handle(new FindDumpQuery(treeSize));
        response.setContentType(NDJSON);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("changeledger-" + plan.treeSize() + ".ndjson").build().toString());
        exports.write(plan, response.getOutputStream());
    }

    @GetMapping("/bundle")
    ResponseEntity<byte[]> bundle(@RequestParam @Size(min = 1, max = 100) List<UUID> eventId,
                                  @RequestParam(required = false) @Min(1) Long treeSize,
                                  @RequestParam(required = false) List<@Min(1) Long> since) {
        EvidenceBundle bundle = exports.handle(new FindEvidenceBundleQuery(eventId, treeSize,
                since == null ? List.of() : since));
        // written by the format's own writer, so that the bundle is byte for byte what the verifier reads
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        EvidenceBundles.write(bundle, json);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.toByteArray());
    }

    @GetMapping("/keys")
    List<KeyView> keys() {
        return queries.handle(new FindKeysQuery());
    }

    @GetMapping("/tree")
    TreeView tree() {
        return queries.handle(new FindTreeQuery());
    }

    @ExceptionHandler
    ErrorResponseException unavailable(ProofUnavailable unavailable) {
        return switch (unavailable.reason()) {
            case TREE_NOT_REACHED -> Problems.conflict("Tree not reached", unavailable.getMessage());
            case NO_VERIFIED_CHECKPOINT -> Problems.conflict("No verified checkpoint", unavailable.getMessage());
            case UNKNOWN -> Problems.notFound("Not found", unavailable.getMessage());
            case OUT_OF_RANGE -> Problems.badParameter(unavailable.parameter(), unavailable.getMessage());
        };
    }
}
