package io.changeledger.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** Both APIs of a ledger on one local port, answering what a test tells them to: no containers, no Spring. */
final class FakeLedger implements AutoCloseable {

    /** What a handler answers. */
    record Reply(int status, Map<String, String> headers, String body) {

        static Reply json(int status, String body) {
            return new Reply(status, Map.of(), body);
        }
    }

    /** A request as a handler sees it. */
    record Request(String method, String path, String query, Map<String, String> headers, String body) {
    }

    static {
        // headers and body go out in separate writes; with Nagle's algorithm against delayed ACKs every answer
        // would take some 40 ms, and the timings the tests check would be the fake's
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> handlers = new ConcurrentHashMap<>();

    FakeLedger() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** @param key method and path, such as {@code GET /api/v1/changes} */
    FakeLedger on(String key, Function<Request, Reply> handler) {
        handlers.put(key, handler);
        return this;
    }

    BenchmarkOptions options(String... more) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        String[] args = new String[4 + more.length];
        args[0] = "--command-url";
        args[1] = url;
        args[2] = "--query-url";
        args[3] = url;
        System.arraycopy(more, 0, args, 4, more.length);
        return BenchmarkOptions.parse(args);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(), headers, body);
        Function<Request, Reply> handler = handlers.get(request.method() + " " + request.path());
        Reply reply = handler == null ? Reply.json(404, "{}") : handler.apply(request);
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The value of one query parameter, or null. */
    static String parameter(Request request, String name) {
        if (request.query() == null) {
            return null;
        }
        for (String pair : request.query().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
