package io.changeledger.command.proof;

import io.changeledger.proof.Digest;
import io.changeledger.proof.NodeSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Complete subtrees as the command side stores them: leaves in ledger_entry, the levels above in ledger_node. */
final class JdbcNodes implements NodeSource {

    private final JdbcClient jdbc;

    JdbcNodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Digest node(int level, long index) {
        var hash = level == 0
                ? jdbc.sql("select leaf_hash from ledger_entry where sequence = ?").param(index)
                        .query(byte[].class).optional()
                : jdbc.sql("select hash from ledger_node where level = ? and node_index = ?").params(level, index)
                        .query(byte[].class).optional();
        return Digest.of(hash.orElseThrow(() -> new IllegalStateException(
                "the ledger has no complete subtree at level " + level + ", index " + index)));
    }
}
