package io.changeledger.query.proof;

import io.changeledger.jdbc.StalePlans;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredNodesIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionOperations transaction;

    @Test
    void readsNodesByTheIndexAfterTheTreeGrewUnderAPlanMadeWhileItWasEmpty() {
        List<JsonNode> plan = new StalePlans(jdbc, transaction, "query").planAfterGrowth(
                List.of("ledger_entry", "ledger_node"), StoredNodes.READ, List.of("bigint[]", "integer[]", "bigint[]"),
                List.of("array[1, 2]::bigint[]", "array[1, 2]", "array[3, 4]::bigint[]"), """
                        insert into ledger_node (level, node_index, hash)
                        select 1 + n % 20, n / 20, sha256(n::text::bytea) from generate_series(1, 20000) n""");

        assertThat(plan.stream().filter(node -> node.has("Relation Name"))
                .filter(node -> node.get("Relation Name").asString().equals("ledger_node")).count()).isEqualTo(1);
        assertThat(plan).as("a sequential scan of the nodes: %s", plan)
                .noneMatch(node -> node.get("Node Type").asString().equals("Seq Scan"));
    }
}
