package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The apps deny every request without a token: the benchmark calls as admin, and sends batches as its source. */
class AdminTokenTest {

    @Test
    void sendsTheAdminTokenWithCommandsQueriesAndRegistrationsAndTheSourcesOwnWithItsBatches() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        try (FakeLedger ledger = new FakeLedger()
                .on("POST /api/v1/changes/deployments", request -> answer(seen, "deployment", request, 201,
                        "{\"id\":\"c-1\"}"))
                .on("GET /api/v1/changes", request -> answer(seen, "query", request, 200, "{\"totalItems\":1}"))
                .on("POST /api/v1/admin/sources", request -> answer(seen, "registration", request, 201,
                        "{\"name\":\"bench\",\"kind\":\"API\",\"credential\":\"clt_source\"}"))
                .on("POST /api/v1/events", request -> answer(seen, "batch", request, 200,
                        "{\"recorded\":0,\"duplicates\":0,\"rejected\":0,\"results\":[]}"))) {
            BenchmarkOptions options = ledger.options("--admin-token", "cla_admin");
            LedgerClient ledgerClient = new LedgerClient(options);
            ledgerClient.recordDeployment("checkout", "1.0.0");
            ledgerClient.totalItems("checkout");
            IngestClient ingest = new IngestClient(options);
            ingest.postBatch(ingest.register("bench", "API"), "[]");
        }

        assertThat(seen).containsEntry("deployment", "Bearer cla_admin").containsEntry("query", "Bearer cla_admin")
                .containsEntry("registration", "Bearer cla_admin").containsEntry("batch", "Bearer clt_source");
    }

    private static FakeLedger.Reply answer(Map<String, String> seen, String what, FakeLedger.Request request,
                                           int status, String body) {
        seen.put(what, request.headers().getOrDefault("authorization", "none"));
        return FakeLedger.Reply.json(status, body);
    }
}
