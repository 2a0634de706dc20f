package io.changeledger.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The change-management report over a year of a million production changes. Seeding them through the ledger would
 * take most of an hour on a laptop and measure ingestion, not the report, so the scenario writes them straight into
 * the query side's read model (report-seed.sql: generate_series, a realistic mix of approvals, violations, evidence
 * and emergencies), then times the report over the whole year as served by the running query side: once as it
 * stands and once "as of" the year's end, which reads each change's state from its history instead.
 */
final class ReportScenario {

    static final String FROM = "2001-01-01T00:00:00Z";
    static final String TO = "2002-01-01T00:00:00Z";
    private static final Pattern POPULATION = Pattern.compile("\"population\":(\\d+)");
    private static final String[] TABLES = {"change_history", "change_approval", "change_evidence",
            "control_violation", "production_change"};

    private final ReportOptions options;
    private final URI queryUrl;
    private final String adminToken;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ReportScenario(BenchmarkOptions options, PrintStream out) {
        this.options = options.report();
        this.queryUrl = options.queryUrl();
        this.adminToken = options.adminToken();
        this.out = out;
    }

    boolean run(String runId) {
        String prefix = "bench-" + runId + "-";
        out.printf("%nReport: %,d production changes in %s, query side %s%n", options.changes(), options.jdbcUrl(),
                queryUrl);
        try (Connection db = DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password())) {
            try (Statement statement = db.createStatement()) {
                statement.execute("set search_path to " + options.schema());
            }
            try {
                long seeding = System.nanoTime();
                seed(db, prefix);
                out.printf("  seeded                      %,12d changes  (%.1f s, with history, approvals, evidence,"
                        + " violations)%n", options.changes(), (System.nanoTime() - seeding) / 1e9);
                long expected = population(db);
                boolean clean = measure("now", "", expected);
                clean &= measure("as of", "&asOf=" + TO, expected);
                return clean;
            } finally {
                if (options.cleanUp()) {
                    long cleaning = System.nanoTime();
                    cleanUp(db, prefix);
                    out.printf("  removed the seeded rows     (%.1f s)%n", (System.nanoTime() - cleaning) / 1e9);
                }
            }
        } catch (SQLException e) {
            out.printf("  the database failed: %s%n", e.getMessage());
            out.printf("RESULT report changes=%d completed=false%n", options.changes());
            return false;
        }
    }

    private void seed(Connection db, String prefix) throws SQLException {
        String script = resource("report-seed.sql").replace(":prefix", "'" + prefix + "'")
                .replace(":changes", Integer.toString(options.changes()));
        try (Statement statement = db.createStatement()) {
            for (String sql : script.split(";\\s*\\n")) {
                String code = sql.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
                if (!code.isBlank()) {
                    statement.execute(code);
                }
            }
            for (String table : TABLES) {
                statement.execute("analyze " + table);
            }
        }
    }

    /** The population the report must find, counted here without the report's statement. */
    private long population(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from production_change"
                     + " where occurred_at >= '" + FROM + "' and occurred_at < '" + TO + "'"
                     + " and coalesce(production, environment = 'production')"
                     + " and status in ('IN_PROGRESS', 'COMPLETED', 'FAILED', 'ROLLED_BACK')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean measure(String label, String parameters, long expected) {
        URI uri = URI.create(queryUrl + "/api/v1/reports/change-management?from=" + FROM + "&to=" + TO + parameters);
        long[] nanos = new long[options.runs()];
        long bytes = 0;
        boolean clean = true;
        for (int run = -1; run < options.runs(); run++) {
            long start = System.nanoTime();
            HttpResponse<String> answer;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET();
                if (adminToken != null) {
                    request.header("Authorization", "Bearer " + adminToken);
                }
                answer = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                out.printf("  %s: the query side did not answer: %s%n", label, e.getMessage());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long elapsed = System.nanoTime() - start;
            Matcher population = POPULATION.matcher(answer.body());
            if (answer.statusCode() != 200 || !population.find()
                    || Long.parseLong(population.group(1)) != expected) {
                out.printf("  %s: answer %d, expected a population of %,d: %.200s%n", label, answer.statusCode(),
                        expected, answer.body());
                clean = false;
            }
            if (run >= 0) {
                nanos[run] = elapsed;
                bytes = answer.body().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        Arrays.sort(nanos);
        long p50 = nanos[(nanos.length - 1) / 2];
        long max = nanos[nanos.length - 1];
        out.printf("  change-management, %-6s   p50 %,8.0f ms   max %,8.0f ms   (%d runs, population %,d, %,d bytes)%n",
                label, p50 / 1e6, max / 1e6, nanos.length, expected, bytes);
        out.printf("RESULT report view=%s changes=%d population=%d runs=%d p50_ms=%.0f max_ms=%.0f bytes=%d ok=%b%n",
                label.replace(' ', '_'), options.changes(), expected, nanos.length, p50 / 1e6, max / 1e6, bytes,
                clean);
        return clean;
    }

    private static void cleanUp(Connection db, String prefix) throws SQLException {
        try (Statement statement = db.createStatement()) {
            for (String table : TABLES) {
                statement.execute("delete from " + table + " where change_id like '" + prefix + "%'");
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReportScenario.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
