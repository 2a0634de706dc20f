package io.changeledger.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three calls the benchmark makes. The answers are tiny and their shape is fixed, so a regular expression reads
 * them; that keeps the benchmark free of a JSON library whose cost would show up in the measurements.
 * <p>
 * Blocking {@link HttpURLConnection}s with keep-alive rather than the JDK's asynchronous HttpClient: the load
 * generator shares the machine with the system it measures, and the blocking client spends far less CPU per
 * request.
 */
final class LedgerClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    // an item names its version twice (the change's and its details'); the benchmark's versions need no escaping
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    static {
        // the JDK keeps only five idle connections per host by default; every client thread keeps its own
        System.setProperty("http.maxConnections", "256");
    }

    /** A status and a body, all the benchmark reads of an answer. */
    record Answer(int statusCode, String body) {
    }

    private final URL deployments;
    private final String environment;
    private final String commandUrl;
    private final String queryUrl;
    private final String adminToken;

    LedgerClient(BenchmarkOptions options) {
        try {
            this.deployments = URI.create(options.commandUrl() + "/api/v1/changes/deployments").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        this.commandUrl = options.commandUrl().toString();
        this.queryUrl = options.queryUrl().toString();
        this.environment = options.environment();
        this.adminToken = options.adminToken();
    }

    Answer recordDeployment(String service, String version) throws IOException, InterruptedException {
        // marked as benchmark traffic, so that it can be told apart from real changes in the ledger afterwards
        String json = """
                {"service":"%s","environment":"%s","version":"%s","actor":"benchmark",\
                "sourceSystem":"benchmark"}"""
                .formatted(service, environment, version);
        return post(deployments, json);
    }

    /** A command: {@code path} is relative to the command API, {@code json} the request body. */
    Answer command(String path, String json) throws IOException {
        return post(URI.create(commandUrl + path).toURL(), json);
    }

    /** A query: {@code pathAndQuery} is relative to the query API and already encoded. */
    Answer query(String pathAndQuery) throws IOException {
        return read(open(URI.create(queryUrl + pathAndQuery).toURL()));
    }

    private Answer post(URL url, String json) throws IOException {
        HttpURLConnection connection = open(url);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        return read(connection);
    }

    /**
     * The versions, each once, of one page of the changes the read model holds for {@code service} that occurred at
     * or after {@code from}, newest first, or empty when the query API did not answer with a page.
     */
    Optional<List<String>> versions(String service, Instant from, int page, int size)
            throws IOException, InterruptedException {
        Answer answer = read(open(URI.create(queryUrl + "/api/v1/changes?service=" + encode(service) + "&from="
                + encode(from.toString()) + "&page=" + page + "&size=" + size).toURL()));
        if (answer.statusCode() != 200 || !answer.body().contains("\"items\"")) {
            return Optional.empty();
        }
        Set<String> versions = new LinkedHashSet<>();
        Matcher matcher = VERSION.matcher(answer.body());
        while (matcher.find()) {
            versions.add(matcher.group(1));
        }
        return Optional.of(List.copyOf(versions));
    }

    /** The status of {@code GET /api/v1/changes/{id}}: 200 once the read model has the change, 404 before. */
    int changeStatus(String id) throws IOException, InterruptedException {
        return read(open(URI.create(queryUrl + "/api/v1/changes/" + encode(id)).toURL())).statusCode();
    }

    /** How many changes the read model holds for {@code service}, or empty when the query API did not say. */
    OptionalLong totalItems(String service) throws IOException, InterruptedException {
        Answer answer = read(open(URI.create(queryUrl + "/api/v1/changes?service=" + encode(service) + "&size=1")
                .toURL()));
        if (answer.statusCode() != 200) {
            return OptionalLong.empty();
        }
        Matcher matcher = TOTAL_ITEMS.matcher(answer.body());
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    private HttpURLConnection open(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setRequestProperty("Accept", "application/json");
        if (adminToken != null) {
            connection.setRequestProperty("Authorization", "Bearer " + adminToken);
        }
        return connection;
    }

    /** Reads the whole answer, error answers too, so that the connection goes back to the keep-alive pool. */
    private static Answer read(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return new Answer(status, "");
        }
        try (InputStream in = stream) {
            return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
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
