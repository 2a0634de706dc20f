package io.changeledger.query.proof;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.format.ConsistencyProof;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.InclusionProof;
import io.changeledger.proof.format.LedgerDumpWriter;
import io.changeledger.proof.format.LedgerEntryLine;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.proof.ProofUnavailable.Reason;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/** The ledger in the formats the offline verifier reads: a whole dump, or a bundle of evidence for some events. */
@Component
class LedgerExports {

    /** Rows a cursor holds at a time: a dump of any size streams in that much memory. */
    private static final int FETCH_SIZE = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate cursor;
    private final Snapshot snapshot;
    private final LedgerQueries queries;
    private final StoredNodes nodes;

    LedgerExports(DataSource dataSource, Snapshot snapshot, LedgerQueries queries, StoredNodes nodes) {
        this.cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(FETCH_SIZE);
        this.snapshot = snapshot;
        this.queries = queries;
        this.nodes = nodes;
    }

    /** What a dump will hold, settled before its first byte is sent so that a refusal can still be a problem. */
    record DumpPlan(String origin, long treeSize) {
    }

    /** @throws ProofUnavailable if the tree has not reached the size, or no checkpoint names the ledger yet */
    DumpPlan handle(FindDumpQuery query) {
        return snapshot.read(() -> {
            long treeSize;
            if (query.treeSize() == null) {
                treeSize = queries.latestVerified().orElseThrow(() -> new ProofUnavailable(
                        Reason.NO_VERIFIED_CHECKPOINT, "No checkpoint is verified yet; ask for a treeSize up to "
                        + queries.treeSize())).treeSize();
            } else {
                treeSize = query.treeSize();
                queries.requireReached(treeSize);
            }
            String origin = cursor.query("""
                            select origin from ledger_checkpoint where status <> 'UNTRUSTED_KEY'
                            order by tree_size desc, signed_at desc limit 1""", (rs, row) -> rs.getString(1))
                    .stream().findFirst()
                    .orElseThrow(() -> new ProofUnavailable(Reason.NO_VERIFIED_CHECKPOINT,
                            "No checkpoint has named the ledger's origin yet"));
            return new DumpPlan(origin, treeSize);
        });
    }

    /**
     * Streams the dump from one snapshot through cursors: the checkpoints of sizes up to the plan's (all but those
     * of untrusted keys, mismatches included, which the verifier is there to report), then every entry below it.
     */
    void write(DumpPlan plan, OutputStream out) {
        snapshot.read(() -> {
            try (LedgerDumpWriter writer = new LedgerDumpWriter(out)) {
                writer.header(plan.origin(), plan.treeSize());
                stream("""
                        select * from ledger_checkpoint where tree_size <= ? and status <> 'UNTRUSTED_KEY'
                        order by tree_size, signed_at, checkpoint_id""", plan.treeSize(),
                        rs -> writer.checkpoint(LedgerQueries.CHECKPOINT.mapRow(rs, 0).signed()));
                stream("select sequence, leaf_hash, entry from ledger_entry where sequence < ? order by sequence",
                        plan.treeSize(), rs -> writer.entry(new LedgerEntryLine(rs.getLong("sequence"),
                                Digest.of(rs.getBytes("leaf_hash")).hex(), JSON.readTree(rs.getBytes("entry")))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private void stream(String sql, long treeSize, RowCallbackHandler rows) {
        cursor.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setLong(1, treeSize);
            return statement;
        }, rows);
    }

    /**
     * @throws ProofUnavailable if an event or a checkpoint is not known, an event is not in the tree, or an
     *                          earlier size is above the bundle's
     */
    EvidenceBundle handle(FindEvidenceBundleQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private EvidenceBundle answer(FindEvidenceBundleQuery query) {
        CheckpointView target = target(query.treeSize());
        long treeSize = target.treeSize();
        List<EntryView> entries = new ArrayList<>();
        for (UUID eventId : new LinkedHashSet<>(query.eventIds())) {
            EntryView entry = queries.entry(eventId).orElseThrow(() -> new ProofUnavailable(Reason.UNKNOWN,
                    "No entry of event " + eventId));
            if (entry.sequence() >= treeSize) {
                throw query.treeSize() == null
                        ? new ProofUnavailable(Reason.TREE_NOT_REACHED, "Event " + eventId + " at sequence "
                        + entry.sequence() + " is not in the latest verified checkpoint, of size " + treeSize + ", yet")
                        : new ProofUnavailable(Reason.OUT_OF_RANGE, "treeSize", "Event " + eventId
                        + " at sequence " + entry.sequence() + " is not in a tree of size " + treeSize);
            }
            entries.add(entry);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (long size : new TreeSet<>(query.since())) {
            if (size > treeSize) {
                throw new ProofUnavailable(Reason.OUT_OF_RANGE, "since", "Checkpoint " + size
                        + " is not older than the bundle's, of size " + treeSize);
            }
            if (size < treeSize) {
                checkpoints.add(queries.verified(size).orElseThrow(() -> new ProofUnavailable(Reason.UNKNOWN,
                        "No verified checkpoint of tree size " + size)).signed());
            }
        }
        checkpoints.add(target.signed());
        record Proofs(List<InclusionProof> inclusion, List<ConsistencyProof> consistency) {
        }
        Proofs proofs = nodes.compute(merkle -> new Proofs(
                entries.stream().map(entry -> new InclusionProof(entry.sequence(), treeSize,
                        LedgerQueries.hex(merkle.inclusion(entry.sequence(), treeSize)))).toList(),
                checkpoints.subList(0, checkpoints.size() - 1).stream()
                        .map(earlier -> new ConsistencyProof(earlier.treeSize(), treeSize,
                                LedgerQueries.hex(merkle.consistency(earlier.treeSize(), treeSize)))).toList()));
        List<LedgerEntryLine> lines = entries.stream()
                .map(entry -> new LedgerEntryLine(entry.sequence(), entry.leafHash(), JSON.readTree(entry.entry())))
                .toList();
        return new EvidenceBundle(target.origin(), checkpoints, lines, proofs.inclusion(), proofs.consistency());
    }

    private CheckpointView target(Long treeSize) {
        if (treeSize == null) {
            return queries.latestVerified().orElseThrow(() -> new ProofUnavailable(Reason.NO_VERIFIED_CHECKPOINT,
                    "No checkpoint is verified yet"));
        }
        return queries.verified(treeSize).orElseThrow(() -> {
            queries.requireReached(treeSize);
            return new ProofUnavailable(Reason.UNKNOWN, "No verified checkpoint of tree size " + treeSize);
        });
    }
}
