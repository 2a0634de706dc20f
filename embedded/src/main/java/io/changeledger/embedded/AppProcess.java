package io.changeledger.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** One Spring Boot app as a child process: started, watched until healthy, and stopped. */
final class AppProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);
    private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final Process process;
    private final long startedAt = System.nanoTime();

    private AppProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    static AppProcess start(String name, Path jar, int port, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        Process process = builder.start();
        AppProcess app = new AppProcess(name, port, process);
        app.copyOutput();
        LOG.info("Started {} (pid {}) on port {}", name, process.pid(), port);
        return app;
    }

    /**
     * Polls the actuator until it reports UP, at most {@code timeout} after the start of the process, so apps
     * started together share one deadline. A child that exits meanwhile fails the start at once.
     */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = startedAt + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it became healthy");
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && UP.matcher(response.body()).find()) {
                    LOG.info("{} is healthy after {} s", name, String.format("%.1f", (System.nanoTime() - startedAt) / 1e9));
                    return;
                }
                lastAnswer = response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                lastAnswer = notListeningYet.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s of its start; last answer: " + lastAnswer);
    }

    CompletableFuture<AppProcess> onExit() {
        return process.onExit().thenApply(exited -> this);
    }

    String name() {
        return name;
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Asks for a graceful stop (SIGTERM, which Spring Boot handles), and insists if that takes too long. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warn("{} did not stop within {} s, killing it", name, STOP_TIMEOUT.toSeconds());
            process.destroyForcibly().waitFor();
        }
        LOG.info("Stopped {} (exit code {})", name, process.exitValue());
    }

    @Override
    public String toString() {
        return name;
    }

    /** Prefixes each line with the app's name, since both apps write to the same console. */
    private void copyOutput() {
        Thread copier = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String prefix = "[" + name + "] ";
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println(prefix + line);
                }
            } catch (IOException processGone) {
                // the pipe closes when the child is destroyed; nothing is left to copy
            }
        }, name + "-output");
        copier.setDaemon(true);
        copier.start();
    }

    /** The launcher's own java, so the apps run on the JDK the user started ChangeLedger with. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
