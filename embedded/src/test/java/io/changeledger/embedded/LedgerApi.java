package io.changeledger.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two HTTP APIs of a running ChangeLedger, as the tests call them. */
final class LedgerApi {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int commandPort;
    private final int queryPort;

    /** The bootstrap admin token of the tests that start the apps themselves (their CHANGELEDGER_ADMIN_TOKEN). */
    static final String ADMIN_TOKEN = "embedded-test-admin-token-0123456789";

    private final String adminToken;

    LedgerApi(int commandPort, int queryPort) {
        this(commandPort, queryPort, ADMIN_TOKEN);
    }

    /** @param adminToken sent with every request but those that speak as a source ({@link #send}) */
    LedgerApi(int commandPort, int queryPort, String adminToken) {
        this.commandPort = commandPort;
        this.queryPort = queryPort;
        this.adminToken = adminToken;
    }

    private HttpRequest.Builder asAdmin(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + adminToken);
    }

    HttpResponse<String> recordDeployment(String json) throws IOException, InterruptedException {
        return http.send(asAdmin("http://127.0.0.1:" + commandPort
                                + "/api/v1/changes/deployments")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> command(String path, String json) throws IOException, InterruptedException {
        return http.send(asAdmin("http://127.0.0.1:" + commandPort + path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the command side with the headers a source sends (its token, CloudEvents attributes). */
    HttpResponse<String> send(String path, String contentType, java.util.Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + commandPort + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An export of the query side, byte for byte as an auditor downloads it. */
    byte[] download(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(asAdmin("http://127.0.0.1:" + queryPort
                + path).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + " "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    HttpResponse<String> query(String path) throws IOException, InterruptedException {
        return http.send(asAdmin("http://127.0.0.1:" + queryPort + path)
                        .header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the query side as the holder of that token, such as an auditor. */
    HttpResponse<String> queryAs(String token, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + queryPort + path))
                        .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An admin's POST to the query side, such as issuing a token. */
    HttpResponse<String> queryAdmin(String path, String json) throws IOException, InterruptedException {
        return http.send(asAdmin("http://127.0.0.1:" + queryPort + path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The query side shows a change once it has travelled through Kafka, so it may answer 404 at first. */
    String awaitChange(String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response;
        do {
            response = query("/api/v1/changes/" + id);
            if (response.statusCode() == 200) {
                return response.body();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("change " + id + " was not visible within " + timeout + "; last answer "
                + response.statusCode() + " " + response.body());
    }

    /** Asks the query side until the answer satisfies the condition: what it shows arrives through Kafka. */
    String awaitQuery(String path, java.util.function.Predicate<String> until, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response;
        do {
            response = query(path);
            if (response.statusCode() == 200 && until.test(response.body())) {
                return response.body();
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not show what was expected within " + timeout + "; last answer "
                + response.statusCode() + " " + response.body());
    }

    /** The id in a command-side answer such as {@code {"id":"…"}}. */
    static String idOf(String body) {
        Matcher matcher = ID.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no id in " + body);
        }
        return matcher.group(1);
    }
}
