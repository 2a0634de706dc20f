package io.changeledger.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void recordsADeploymentAndKeepsItAcrossARestart() throws Exception {
        int[] ports = FreePorts.take(5);
        // the build copies both app jars here before the tests run
        Settings settings = new Settings(dataDir, ports[0], ports[1], ports[2], ports[3], ports[4], Path.of("target", "apps"));
        String id;

        try (EmbeddedChangeLedger ledger = new EmbeddedChangeLedger(settings)) {
            ledger.start();

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(commandUri(settings, "/api/v1/changes/deployments"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DEPLOYMENT))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = json.readTree(created.body()).path("id").asString();
            assertThat(id).isNotBlank();
            assertThat(created.headers().firstValue("Location"))
                    .hasValue("http://localhost:" + settings.queryPort() + "/api/v1/changes/" + id);
            assertRecorded(awaitChange(settings, id));
        }

        try (EmbeddedChangeLedger restarted = new EmbeddedChangeLedger(settings)) {
            restarted.start();

            assertRecorded(awaitChange(settings, id));
        }
    }

    @Test
    void runsPostgresWithDurableSettings() throws Exception {
        int port = FreePorts.take(1)[0];
        try (Postgres postgres = Postgres.start(dataDir.resolve("postgres"), dataDir.resolve("postgres.log"), port);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), Postgres.USER, Postgres.PASSWORD)) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    private static void assertRecorded(JsonNode change) {
        assertThat(change.path("service").asString()).isEqualTo("checkout");
        assertThat(change.path("environment").asString()).isEqualTo("production");
        assertThat(change.path("version").asString()).isEqualTo("1.4.2");
        assertThat(change.path("actor").asString()).isEqualTo("alice");
    }

    /** The query side shows a change once it has travelled through Kafka, so it may answer 404 at first. */
    private JsonNode awaitChange(Settings settings, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.queryPort() + "/api/v1/changes/" + id))
                .header("Accept", "application/json")
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response;
        do {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return json.readTree(response.body());
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + request.uri() + " still answers " + response.statusCode() + " " + response.body());
    }

    private static URI commandUri(Settings settings, String path) {
        return URI.create("http://127.0.0.1:" + settings.commandPort() + path);
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
