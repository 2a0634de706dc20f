package io.changeledger.query.proof;

import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class StoredNodesIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionOperations transaction;

    /**
     * The plan PostgreSQL keeps for the prepared statement once the tables have grown, if it first planned it while
     * they were empty: a cached generic plan is made again only when a table is analyzed. The tables are shadowed,
     * in one transaction, by empty temporary copies with the same indexes, which nothing analyzes.
     */
    @Test
    void readsNodesByTheIndexAfterTheTreeGrewUnderAPlanMadeWhileItWasEmpty() {
        String[] parts = StoredNodes.READ.split("\\?", -1);
        String numbered = parts[0] + "$1" + parts[1] + "$2" + parts[2] + "$3" + parts[3];
        String execute = "execute stale_nodes (array[1, 2]::bigint[], array[1, 2], array[3, 4]::bigint[])";

        String plan = transaction.execute(status -> {
            for (String table : new String[] {"ledger_entry", "ledger_node"}) {
                jdbc.sql("create temporary table " + table + " (like query." + table + " including all)"
                        + " on commit drop").update();
            }
            jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
            jdbc.sql("prepare stale_nodes (bigint[], integer[], bigint[]) as " + numbered).update();
            try {
                jdbc.sql("explain " + execute).query(String.class).list();
                jdbc.sql("""
                        insert into ledger_node (level, node_index, hash)
                        select 1 + n % 20, n / 20, sha256(n::text::bytea) from generate_series(1, 20000) n""")
                        .update();
                return jdbc.sql("explain (format json) " + execute).query(String.class).single();
            } finally {
                jdbc.sql("deallocate stale_nodes").update();
            }
        });

        assertThat(JsonMapper.builder().build().readTree(plan).findValues("Relation Name").stream()
                .filter(relation -> relation.asString().equals("ledger_node")).count()).isEqualTo(1);
        assertThat(plan).as("a sequential scan of the nodes").doesNotContain("\"Seq Scan\"");
    }
}
