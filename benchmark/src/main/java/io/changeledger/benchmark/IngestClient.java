package io.changeledger.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest endpoints of the command side: registering the run's sources, and the batch API with a source's token.
 * Blocking and keep-alive like {@link LedgerClient}, for the same reason: little CPU per request on a machine the
 * load generator shares with what it measures.
 */
final class IngestClient {

    private static final Pattern CREDENTIAL = Pattern.compile("\"credential\"\\s*:\\s*\"([^\"]+)\"");
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    // a full batch is a thousand transactions one after another; under load that can take seconds
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    static {
        // as in LedgerClient: the JDK keeps five idle connections per host unless told otherwise, fewer than senders
        System.setProperty("http.maxConnections", "256");
    }

    /** A status, the Retry-After header when there was one, and the body. */
    record Answer(int statusCode, String retryAfter, String body) {
    }

    private final URL sources;
    private final URL events;
    private final String adminToken;

    IngestClient(BenchmarkOptions options) {
        this.adminToken = options.adminToken();
        try {
            this.sources = URI.create(options.commandUrl() + "/api/v1/admin/sources").toURL();
            this.events = URI.create(options.commandUrl() + "/api/v1/events").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Registers a source for this run, allowed a million events a second: the benchmark measures the ledger, not
     * the rate limit a source gets by default.
     *
     * @return the API source's bearer token; null for a Kafka source, which has none
     * @throws IOException also when the command side refuses the registration, with its answer
     */
    String register(String name, String kind) throws IOException {
        String json = """
                {"name":"%s","kind":"%s","registeredBy":"benchmark","ratePerSecond":1000000,\
                "description":"ChangeLedger benchmark, ingest scenario"}""".formatted(name, kind);
        Answer answer = post(sources, json, adminToken);
        if (answer.statusCode() != 201) {
            throw new IOException("registering source " + name + " answered " + answer.statusCode() + ": "
                    + LedgerClient.brief(answer.body()));
        }
        Matcher credential = CREDENTIAL.matcher(answer.body());
        return credential.find() ? credential.group(1) : null;
    }

    Answer postBatch(String token, String jsonArray) throws IOException {
        return post(events, jsonArray, token);
    }

    private static Answer post(URL url, String json, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Accept", "application/json");
        connection.setRequestProperty("Content-Type", "application/json");
        if (token != null) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        connection.setDoOutput(true);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        String retryAfter = connection.getHeaderField("Retry-After");
        // the whole answer is read, error answers too, so that the connection goes back to the keep-alive pool
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return new Answer(status, retryAfter, "");
        }
        try (InputStream in = stream) {
            return new Answer(status, retryAfter, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
