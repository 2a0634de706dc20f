package io.changeledger.command;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan PostgreSQL keeps for a prepared statement that was first planned while its table was empty, once the
 * table has grown: a cached generic plan is made again only when the table is analyzed, which on a busy new ledger
 * can take minutes. The table is shadowed, in one transaction, by an empty temporary copy with the same indexes
 * (the session's temporary schema is searched first, and nothing analyzes a temporary table).
 */
public final class StalePlans {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StalePlans() {
    }

    /**
     * @param table     the statement's table, unqualified as the statement names it
     * @param statement the statement with JDBC's {@code ?} placeholders
     * @param arguments SQL literals for the placeholders, in order
     * @param fill      an insert of many rows into the table
     * @return every node of the plan the statement is executed with after the table was filled
     */
    public static List<JsonNode> planAfterGrowth(JdbcClient jdbc, TransactionOperations transaction, String table,
                                                 String statement, List<String> arguments, String fill) {
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char c : statement.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
        }
        String execute = "execute stale_plan (" + String.join(", ", arguments) + ")";
        return transaction.execute(status -> {
            jdbc.sql("create temporary table " + table + " (like command." + table + " including all)"
                    + " on commit drop").update();
            jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
            jdbc.sql("prepare stale_plan as " + numbered).update();
            try {
                jdbc.sql("explain " + execute).query(String.class).list();
                jdbc.sql(fill).update();
                JsonNode plan = JSON.readTree(jdbc.sql("explain (format json) " + execute).query(String.class)
                        .single());
                List<JsonNode> nodes = new ArrayList<>();
                collect(plan.get(0).get("Plan"), nodes);
                return nodes;
            } finally {
                jdbc.sql("deallocate stale_plan").update();
            }
        });
    }

    /** @return whether the plan reads the whole of the table somewhere */
    public static boolean scansAll(List<JsonNode> nodes, String table) {
        return nodes.stream().anyMatch(node -> node.get("Node Type").asString().equals("Seq Scan")
                && node.get("Relation Name").asString().equals(table));
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collect(child, into));
        }
    }
}
