package io.changeledger.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedChangeLedgerTest {

    private static final String DEPLOYMENT = """
            {"service":"checkout","environment":"production","version":"1.4.2","actor":"alice","ticket":"OPS-42"}""";

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void recordsADeploymentAndKeepsItAcrossARestart() throws Exception {
        int[] ports = FreePorts.take(5);
        // the build copies both app jars here before the tests run
        Settings settings = new Settings(dataDir, ports[0], ports[1], ports[2], ports[3], ports[4], Path.of("target", "apps"));
        String id;

        LedgerApi api;
        try (EmbeddedChangeLedger ledger = new EmbeddedChangeLedger(settings)) {
            ledger.start();
            // the first start made an admin token and showed it; the apps accept it, and only it
            assertThat(ledger.firstStartAdminToken()).startsWith("cla_");
            api = new LedgerApi(settings.commandPort(), settings.queryPort(), ledger.firstStartAdminToken());
            assertThat(new LedgerApi(settings.commandPort(), settings.queryPort(), "cla_guessed")
                    .recordDeployment(DEPLOYMENT).statusCode()).isEqualTo(401);

            HttpResponse<String> created = api.recordDeployment(DEPLOYMENT);

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = json.readTree(created.body()).path("id").asString();
            assertThat(id).isNotBlank();
            assertThat(created.headers().firstValue("Location"))
                    .hasValue("http://localhost:" + settings.queryPort() + "/api/v1/changes/" + id);
            assertRecorded(json.readTree(api.awaitChange(id, Duration.ofSeconds(30))));
        }

        try (EmbeddedChangeLedger restarted = new EmbeddedChangeLedger(settings)) {
            restarted.start();
            assertThat(restarted.firstStartAdminToken()).as("shown at the first start only").isNull();

            assertRecorded(json.readTree(api.awaitChange(id, Duration.ofSeconds(30))));
        }
    }

    @Test
    void runsPostgresDurablyAndWithoutWriteBursts() throws Exception {
        int port = FreePorts.take(1)[0];
        try (Postgres postgres = Postgres.start(dataDir.resolve("postgres"), dataDir.resolve("postgres.log"), port);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
            assertThat(show(connection, "shared_buffers")).isEqualTo("512MB");
            assertThat(show(connection, "backend_flush_after")).isEqualTo("256kB");
        }
    }

    private static void assertRecorded(JsonNode change) {
        assertThat(change.path("service").asString()).isEqualTo("checkout");
        assertThat(change.path("environment").asString()).isEqualTo("production");
        assertThat(change.path("version").asString()).isEqualTo("1.4.2");
        assertThat(change.path("actor").asString()).isEqualTo("alice");
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
