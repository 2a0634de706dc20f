package io.changeledger.query.jdbc;

import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    private Snapshot snapshot;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void plansAnAnswersStatementsForTheValuesItAsksForEvenAfterManyUses() {
        String statement = "by_service_" + newId().replace('-', '_');
        List<String> plan = snapshot.read(() -> {
            jdbc.sql("prepare " + statement + "(text) as select count(*) from production_change where service = $1")
                    .update();
            List<String> last = List.of();
            // PostgreSQL weighs a generic plan, made for any value, from the sixth execution on
            for (int i = 0; i < 10; i++) {
                last = jdbc.sql("explain execute " + statement + "('rare-service-" + i + "')").query(String.class)
                        .list();
            }
            jdbc.sql("deallocate " + statement).update();
            return last;
        });

        assertThat(String.join("\n", plan)).contains("'rare-service-9'").doesNotContain("$1");
    }

    @Test
    void leavesThePlansOfTheProjectionsAsTheyAre() {
        snapshot.read(() -> jdbc.sql("select 1").query(Integer.class).single());

        assertThat(jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single())
                .isEqualTo("auto");
    }
}
