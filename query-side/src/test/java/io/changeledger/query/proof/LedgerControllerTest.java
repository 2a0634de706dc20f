package io.changeledger.query.proof;

import io.changeledger.proof.Digest;
import io.changeledger.proof.Hashes;
import io.changeledger.query.jdbc.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The auditor API's answers when it cannot answer, over a real database holding two entries and a tree of one:
 * entry 0 in the tree, entry 1 waiting, no checkpoint.
 */
// the controller's own behaviour; who may call it is the security configuration's, proven on the whole application
// by EndpointAccessMatrixIntegrationTest
@WebMvcTest(LedgerController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({LedgerQueries.class, LedgerExports.class, StoredNodes.class, Snapshot.class, LedgerControllerTest.Database.class})
@ImportAutoConfiguration({ServiceConnectionAutoConfiguration.class, DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class})
class LedgerControllerTest {

    private static final UUID IN_TREE = UUID.fromString("00000000-0000-4000-8000-000000000000");
    private static final UUID WAITING = UUID.fromString("00000000-0000-4000-8000-000000000001");

    @TestConfiguration(proxyBeanMethods = false)
    static class Database {

        @Bean
        @ServiceConnection
        PostgreSQLContainer postgres() {
            return new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void twoEntriesAndATreeOfOne() {
        jdbc.sql("truncate ledger_entry, ledger_node").update();
        Digest leaf = store(0, IN_TREE);
        store(1, WAITING);
        jdbc.sql("update ledger_head set tree_size = 1, root_hash = ?").param(leaf.bytes()).update();
    }

    @Test
    void answersUnknownEntriesAndCheckpointsWithNotFound() throws Exception {
        for (String path : new String[]{"/entries/2", "/events/" + UUID.randomUUID(), "/checkpoints/1",
                "/checkpoints/latest", "/proofs/inclusion?sequence=2&treeSize=1", "/bundle?eventId=" + IN_TREE
                + "&treeSize=1",
                "/proofs/inclusion?eventId=" + UUID.randomUUID() + "&treeSize=1"}) {
            problem(path, 404);
        }
        problem("/entries/2", 404).andExpect(jsonPath("$.title").value("Entry not found"));
        problem("/checkpoints/latest", 404).andExpect(jsonPath("$.title").value("Checkpoint not found"));
    }

    @Test
    void answersSizesTheTreeHasNotReachedWithConflict() throws Exception {
        problem("/proofs/inclusion?sequence=1&treeSize=2", 409)
                .andExpect(jsonPath("$.title").value("Tree not reached"))
                .andExpect(jsonPath("$.detail").value(containsString("1 leaves so far, not 2")));
        problem("/proofs/consistency?from=1&to=2", 409);
        problem("/proofs/inclusion?sequence=0", 409)
                .andExpect(jsonPath("$.title").value("No verified checkpoint"));
        problem("/bundle?eventId=" + IN_TREE, 409);
        problem("/bundle?eventId=" + IN_TREE + "&treeSize=2", 409);
        problem("/dump", 409);
        problem("/dump?treeSize=2", 409);
        problem("/dump?treeSize=1", 409).andExpect(jsonPath("$.detail").value(containsString("origin")));
    }

    @Test
    void answersBadParametersWithBadRequest() throws Exception {
        for (String path : new String[]{"/entries/-1", "/entries/first", "/events/not-a-uuid",
                "/checkpoints/-1", "/checkpoints/big", "/checkpoints?status=FINE", "/checkpoints?size=0",
                "/checkpoints?page=-1", "/proofs/inclusion", "/proofs/inclusion?treeSize=1",
                "/proofs/inclusion?sequence=0&eventId=" + IN_TREE, "/proofs/inclusion?sequence=-1",
                "/proofs/inclusion?sequence=0&treeSize=0", "/proofs/inclusion?sequence=0&treeSize=x",
                "/proofs/consistency?from=1", "/proofs/consistency?from=-1&to=1",
                "/proofs/consistency?from=1&to=0", "/dump?treeSize=-1", "/dump?treeSize=all", "/bundle",
                "/bundle?eventId=first", "/bundle?eventId=" + IN_TREE + "&treeSize=0",
                "/bundle?eventId=" + IN_TREE + "&since=soon"}) {
            problem(path, 400);
        }
        problem("/checkpoints?status=FINE", 400).andExpect(jsonPath("$.parameter").value("status"))
                .andExpect(jsonPath("$.detail").value(containsString("ROOT_MISMATCH")));
        problem("/proofs/consistency?from=1&to=0", 400).andExpect(jsonPath("$.parameter").value("from"));
    }

    @Test
    void refusesAProofOfAnEntryOutsideTheTreeAskedFor() throws Exception {
        problem("/proofs/inclusion?eventId=" + WAITING + "&treeSize=1", 400)
                .andExpect(jsonPath("$.parameter").value("treeSize"))
                .andExpect(jsonPath("$.detail").value("Sequence 1 is not in a tree of size 1"));
    }

    @Test
    void answersWhatItHoldsBesideTheErrors() throws Exception {
        mvc.perform(get("/api/v1/ledger/events/" + WAITING)).andExpect(status().isOk())
                .andExpect(jsonPath("$.sequence").value(1))
                .andExpect(jsonPath("$.inTree").value(false))
                .andExpect(jsonPath("$.entry.id").value(WAITING.toString()));
        mvc.perform(get("/api/v1/ledger/proofs/inclusion?sequence=0&treeSize=1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.path").isEmpty())
                .andExpect(jsonPath("$.rootHash").value(leaf(IN_TREE).hex()))
                .andExpect(jsonPath("$.checkpoint").doesNotExist());
    }

    private Digest store(long sequence, UUID eventId) {
        Digest leaf = leaf(eventId);
        jdbc.sql("""
                        insert into ledger_entry (sequence, event_id, leaf_hash, entry, kafka_partition, kafka_offset)
                        values (?, ?, ?, ?, 0, ?)""")
                .params(sequence, eventId, leaf.bytes(), entry(eventId), sequence).update();
        return leaf;
    }

    private static byte[] entry(UUID eventId) {
        return ("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static Digest leaf(UUID eventId) {
        return Hashes.leaf(entry(eventId));
    }

    private ResultActions problem(String path, int status) throws Exception {
        return mvc.perform(get("/api/v1/ledger" + path))
                .andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status));
    }
}
