package io.changeledger.query.proof;

import io.changeledger.proof.Digest;
import io.changeledger.proof.MerkleProofs;
import io.changeledger.proof.NodeSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The tree's complete subtrees as stored: leaves in {@code ledger_entry}, level 1 and above in {@code ledger_node}. */
@Component
class StoredNodes {

    private static final Digest PLACEHOLDER = Digest.of(new byte[Digest.LENGTH]);

    private final JdbcClient jdbc;

    StoredNodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One query per node read: right for restoring a tree's edge, at most 63 nodes. */
    NodeSource oneByOne() {
        return (level, index) -> (level == 0
                ? jdbc.sql("select leaf_hash from ledger_entry where sequence = ?").param(index)
                : jdbc.sql("select hash from ledger_node where level = ? and node_index = ?").params(level, index))
                .query((rs, row) -> Digest.of(rs.getBytes(1))).optional()
                .orElseThrow(() -> missing(level, index));
    }

    /**
     * Runs a computation of roots and proofs with the nodes it needs read in one query. Which nodes a proof reads
     * depends only on the sizes and indexes asked for, never on hashes, so a first run over placeholders names
     * them all; the second run gets the stored hashes.
     */
    <T> T compute(Function<MerkleProofs, T> computation) {
        Set<Position> wanted = new LinkedHashSet<>();
        computation.apply(new MerkleProofs((level, index) -> {
            wanted.add(new Position(level, index));
            return PLACEHOLDER;
        }));
        Map<Position, Digest> stored = read(wanted);
        return computation.apply(new MerkleProofs((level, index) -> {
            Digest hash = stored.get(new Position(level, index));
            if (hash == null) {
                throw missing(level, index);
            }
            return hash;
        }));
    }

    private Map<Position, Digest> read(Set<Position> wanted) {
        List<Long> leaves = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (Position position : wanted) {
            if (position.level() == 0) {
                leaves.add(position.index());
            } else {
                levels.add(position.level());
                indexes.add(position.index());
            }
        }
        Map<Position, Digest> stored = new HashMap<>();
        jdbc.sql(READ)
                .params(leaves.toArray(Long[]::new), levels.toArray(Integer[]::new), indexes.toArray(Long[]::new))
                .query(rs -> {
                    stored.put(new Position(rs.getInt("level"), rs.getLong("node_index")),
                            Digest.of(rs.getBytes("hash")));
                });
        return stored;
    }

    /**
     * Each node by the primary key, whatever the statistics say: as a join of the positions with
     * {@code ledger_node}, a plan made while the table was empty (a hash join over a sequential scan) stayed with
     * the prepared statement until the table was next analyzed, and every checkpoint compared meanwhile read the
     * whole table. A subquery with a limit is not flattened into a join, so each position is looked up by the index.
     */
    static final String READ = """
            select 0 as level, sequence as node_index, leaf_hash as hash
            from ledger_entry where sequence = any (?)
            union all
            select wanted.level, wanted.node_index, n.hash
            from unnest(?::integer[], ?::bigint[]) as wanted (level, node_index)
            cross join lateral (select hash from ledger_node n where n.level = wanted.level
                and n.node_index = wanted.node_index limit 1) n""";

    private static IllegalStateException missing(int level, long index) {
        return new IllegalStateException("the subtree at level " + level + ", index " + index + " is not stored");
    }

    private record Position(int level, long index) {
    }
}
