package io.changeledger.query.audit;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.InclusionProof;
import io.changeledger.query.access.AccessMatrixQueries;
import io.changeledger.query.access.FindChangeAccessQuery;
import io.changeledger.query.access.FindGrantQuery;
import io.changeledger.query.access.GrantQueries;
import io.changeledger.query.change.ChangeQueries;
import io.changeledger.query.change.FindChangeQuery;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.proof.LedgerEvidence;
import io.changeledger.query.web.Problems;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evidence packets: a change or a grant as the read models show it, with its events as the ledger holds them and
 * their inclusion proofs to the latest verified checkpoint, all read from one snapshot.
 */
@Component
class EvidenceQueries {

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final ChangeQueries changes;
    private final AccessMatrixQueries access;
    private final GrantQueries grants;
    private final LedgerEvidence ledger;

    EvidenceQueries(JdbcClient jdbc, Snapshot snapshot, ChangeQueries changes, AccessMatrixQueries access,
                    GrantQueries grants, LedgerEvidence ledger) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.changes = changes;
        this.access = access;
        this.grants = grants;
        this.ledger = ledger;
    }

    Optional<ChangeEvidence> handle(FindChangeEvidenceQuery query) {
        return snapshot.read(() -> changes.handle(new FindChangeQuery(query.changeId(), null)).map(change -> {
            Proven proven = prove(events("change_history", "change_id", query.changeId()));
            return new ChangeEvidence(change, access.handle(new FindChangeAccessQuery(query.changeId()))
                    .orElse(null), proven.events(), proven.checkpoint(), proven.complete());
        }));
    }

    Optional<GrantEvidence> handle(FindGrantEvidenceQuery query) {
        return snapshot.read(() -> grants.handle(new FindGrantQuery(query.grantId())).map(grant -> {
            Proven proven = prove(events("access_history", "grant_id", query.grantId()));
            return new GrantEvidence(grant, proven.events(), proven.checkpoint(), proven.complete());
        }));
    }

    /**
     * The change's events in the offline verifier's bundle format.
     *
     * @throws org.springframework.web.ErrorResponseException 409 while an event is not in a verified checkpoint
     */
    Optional<EvidenceBundle> bundle(FindChangeEvidenceQuery query) {
        return snapshot.read(() -> handle(query).map(packet -> bundle("Change " + query.changeId(), packet.events(),
                packet.checkpoint())));
    }

    /** @see #bundle(FindChangeEvidenceQuery) */
    Optional<EvidenceBundle> bundle(FindGrantEvidenceQuery query) {
        return snapshot.read(() -> handle(query).map(packet -> bundle("Grant " + query.grantId(), packet.events(),
                packet.checkpoint())));
    }

    private EvidenceBundle bundle(String subject, List<EvidenceEvent> events, Checkpoint checkpoint) {
        long unproven = events.stream().filter(event -> !event.proven()).count();
        if (checkpoint == null || unproven > 0) {
            throw Problems.conflict("Not yet in a verified checkpoint", subject + " has " + unproven + " of "
                    + events.size() + " events that no verified checkpoint covers yet; ask again after the next"
                    + " checkpoint");
        }
        return ledger.bundle(events.stream().map(EvidenceEvent::eventId).toList(), checkpoint.treeSize());
    }

    /** The aggregate's events in ledger order, from its history in the read model and the ledger copy. */
    private List<EvidenceEvent> events(String history, String idColumn, String id) {
        return jdbc.sql("""
                        select h.event_id, h.type, h.occurred_at, h.recorded_at, e.sequence, e.leaf_hash, e.entry
                        from %s h left join ledger_entry e on e.event_id = h.event_id
                        where h.%s = ? order by e.sequence nulls last, h.global_sequence""".formatted(history, idColumn))
                .param(id)
                .query((rs, row) -> {
                    byte[] leaf = rs.getBytes("leaf_hash");
                    byte[] entry = rs.getBytes("entry");
                    long sequence = rs.getLong("sequence");
                    return new EvidenceEvent(rs.wasNull() ? null : sequence, rs.getObject("event_id", UUID.class),
                            rs.getString("type"), Rows.instant(rs, "occurred_at"), Rows.instant(rs, "recorded_at"),
                            leaf == null ? null : Digest.of(leaf).hex(),
                            entry == null ? null : new String(entry, StandardCharsets.UTF_8), null);
                })
                .list();
    }

    private record Proven(List<EvidenceEvent> events, Checkpoint checkpoint, boolean complete) {
    }

    private Proven prove(List<EvidenceEvent> events) {
        Optional<Checkpoint> latest = ledger.latestVerifiedCheckpoint();
        if (latest.isEmpty()) {
            return new Proven(events, null, false);
        }
        long treeSize = latest.get().treeSize();
        List<UUID> covered = events.stream()
                .filter(event -> event.sequence() != null && event.sequence() < treeSize)
                .map(EvidenceEvent::eventId).toList();
        Map<Long, InclusionProof> proofs = covered.isEmpty() ? Map.of() : ledger.bundle(covered, treeSize)
                .inclusionProofs().stream().collect(Collectors.toMap(InclusionProof::sequence, Function.identity()));
        List<EvidenceEvent> proven = new ArrayList<>(events.size());
        for (EvidenceEvent event : events) {
            proven.add(new EvidenceEvent(event.sequence(), event.eventId(), event.type(), event.occurredAt(),
                    event.recordedAt(), event.leafHash(), event.entry(),
                    event.sequence() == null ? null : proofs.get(event.sequence())));
        }
        return new Proven(proven, latest.get(), covered.size() == events.size());
    }
}
