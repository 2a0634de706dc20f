package io.changeledger.jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan PostgreSQL keeps for a prepared statement that was first planned while its tables were empty, once they
 * have grown: a cached generic plan is made again only when a table is analyzed, which on a busy new ledger can take
 * minutes. The tables are shadowed, in one transaction, by empty temporary copies with the same indexes (the
 * session's temporary schema is searched first, and nothing analyzes a temporary table).
 */
public final class StalePlans {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionOperations transaction;
    private final String schema;

    /** @param schema where the statement's tables are */
    public StalePlans(JdbcClient jdbc, TransactionOperations transaction, String schema) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.schema = schema;
    }

    /**
     * @param tables    the statement's tables, unqualified as the statement names them
     * @param statement the statement with JDBC's {@code ?} placeholders
     * @param types     the placeholders' SQL types, in order
     * @param arguments SQL literals for the placeholders, in order
     * @param fill      an insert of many rows into one of the tables
     * @return every node of the plan the statement is executed with after the table was filled
     */
    public List<JsonNode> planAfterGrowth(List<String> tables, String statement, List<String> types,
                                          List<String> arguments, String fill) {
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char c : statement.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
        }
        String execute = "execute stale_plan (" + String.join(", ", arguments) + ")";
        return transaction.execute(status -> {
            for (String table : tables) {
                jdbc.sql("create temporary table " + table + " (like " + schema + "." + table + " including all)"
                        + " on commit drop").update();
            }
            jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
            jdbc.sql("prepare stale_plan (" + String.join(", ", types) + ") as " + numbered).update();
            try {
                jdbc.sql("explain " + execute).query(String.class).list();
                jdbc.sql(fill).update();
                return nodes(jdbc.sql("explain (format json) " + execute).query(String.class).single());
            } finally {
                jdbc.sql("deallocate stale_plan").update();
            }
        });
    }

    /** @return every node of a plan that {@code explain (format json)} gave */
    public static List<JsonNode> nodes(String explained) {
        List<JsonNode> nodes = new ArrayList<>();
        collect(JSON.readTree(explained).get(0).get("Plan"), nodes);
        return nodes;
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
