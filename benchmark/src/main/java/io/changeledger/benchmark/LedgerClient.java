package io.changeledger.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three calls the benchmark makes. The answers are tiny and their shape is fixed, so a regular expression reads
 * them; that keeps the benchmark free of a JSON library whose cost would show up in the measurements.
 */
final class LedgerClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI deployments;
    private final String queryUrl;

    LedgerClient(BenchmarkOptions options) {
        // HTTP/1.1 on purpose: the JDK would otherwise try an h2c upgrade on every new connection
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.deployments = URI.create(options.commandUrl() + "/api/v1/changes/deployments");
        this.queryUrl = options.queryUrl().toString();
    }

    HttpResponse<String> recordDeployment(String service, String version) throws IOException, InterruptedException {
        // marked as benchmark traffic, so that it can be told apart from real changes in the ledger afterwards
        String json = """
                {"service":"%s","environment":"benchmark","version":"%s","actor":"benchmark",\
                "sourceSystem":"benchmark"}"""
                .formatted(service, version);
        HttpRequest request = HttpRequest.newBuilder(deployments)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The status of {@code GET /api/v1/changes/{id}}: 200 once the read model has the change, 404 before. */
    int changeStatus(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryUrl + "/api/v1/changes/" + encode(id)))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** How many changes the read model holds for {@code service}, or empty when the query API did not say. */
    OptionalLong totalItems(String service) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(queryUrl + "/api/v1/changes?service=" + encode(service) + "&size=1"))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return OptionalLong.empty();
        }
        Matcher matcher = TOTAL_ITEMS.matcher(response.body());
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    static Optional<String> idOf(String body) {
        Matcher matcher = ID.matcher(body);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A response body cut down to something that fits on one line of the report. */
    static String brief(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    /** The JDK's connect failures carry no message of their own, only a cause; say what actually went wrong. */
    static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String what = cause == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " (" + cause.getClass().getSimpleName() + ")";
        return cause.getMessage() == null ? what : what + ": " + cause.getMessage();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
