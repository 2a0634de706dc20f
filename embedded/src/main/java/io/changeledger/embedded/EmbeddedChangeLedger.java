package io.changeledger.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A complete ChangeLedger on one machine with nothing but a JDK: PostgreSQL and Kafka in this JVM's care,
 * command side and query side as child processes.
 */
public final class EmbeddedChangeLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedChangeLedger.class);
    private static final Duration APP_START_TIMEOUT = Duration.ofSeconds(120);

    private final Settings settings;
    /** Everything started so far, most recent first: closing in this order stops what writes before what is written to. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<AppProcess> apps = new ArrayList<>();
    private volatile boolean closed;
    private volatile String firstStartAdminToken;

    public EmbeddedChangeLedger(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        EmbeddedChangeLedger ledger = new EmbeddedChangeLedger(Settings.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(ledger::close, "changeledger-shutdown"));
        try {
            ledger.start();
        } catch (Exception e) {
            // a Ctrl-C during start-up makes the steps still under way fail; that is no error
            if (!ledger.closed) {
                LOG.error("ChangeLedger did not start", e);
                System.exit(1);
            }
            return;
        }
        AppProcess exited = ledger.awaitFirstAppExit();
        if (!ledger.closed) {
            LOG.error("{} exited with code {}; stopping ChangeLedger", exited.name(), exited.exitCode());
            System.exit(1);
        }
    }

    public void start() throws Exception {
        // found out before PostgreSQL and Kafka spend seconds starting for nothing
        for (Path jar : List.of(settings.commandJar(), settings.queryJar())) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No app jar at " + jar + "; build with ./mvnw verify or set CHANGELEDGER_APPS_DIR");
            }
        }
        // zonky would take another PostgreSQL on its port for its own, and the rest would fail only after seconds
        requireFree(settings.postgresPort(), "CHANGELEDGER_POSTGRES_PORT");
        requireFree(settings.kafkaPort(), "CHANGELEDGER_KAFKA_PORT");
        requireFree(settings.kafkaControllerPort(), "CHANGELEDGER_KAFKA_CONTROLLER_PORT");
        requireFree(settings.commandPort(), "CHANGELEDGER_COMMAND_PORT");
        requireFree(settings.queryPort(), "CHANGELEDGER_QUERY_PORT");
        Files.createDirectories(settings.dataDir());
        LOG.info("Starting ChangeLedger with data in {}", settings.dataDir());

        long started = System.nanoTime();
        Postgres postgres = keep(Postgres.start(
                settings.postgresDir(), settings.dataDir().resolve("postgres.log"), settings.postgresPort()));
        LOG.info("PostgreSQL is up on port {} after {}", postgres.port(), since(started));

        started = System.nanoTime();
        KafkaBroker kafka = keep(KafkaBroker.start(
                settings.kafkaDir(), settings.kafkaPort(), settings.kafkaControllerPort()));
        LOG.info("Kafka is up on {} after {}", kafka.bootstrapServers(), since(started));

        AdminToken admin = adminToken(settings.dataDir(),
                System.getProperty(ADMIN_TOKEN, System.getenv(ADMIN_TOKEN)));
        Map<String, String> environment = Map.of(
                admin.variable(), admin.value(),
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", Postgres.USER,
                "SPRING_DATASOURCE_PASSWORD", Postgres.PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "CHANGELEDGER_QUERY_BASE_URL", "http://localhost:" + settings.queryPort(),
                "CHANGELEDGER_SECRETS_KEY",
                secretsKey(settings.dataDir(), System.getenv("CHANGELEDGER_SECRETS_KEY")),
                // the checkpoint signing key pair, made at the first start and kept with the data
                "CHANGELEDGER_KEY_DIR", settings.dataDir().resolve("keys").toString(),
                "AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        apps.add(keep(AppProcess.start("command-side", settings.commandJar(), settings.commandPort(), environment)));
        apps.add(keep(AppProcess.start("query-side", settings.queryJar(), settings.queryPort(), environment)));
        // both boot in parallel, so waiting for one after the other costs nothing extra
        for (AppProcess app : apps) {
            app.awaitHealthy(APP_START_TIMEOUT);
        }
        LOG.info("ChangeLedger is up: command side http://localhost:{}, query side http://localhost:{}, data in {}",
                settings.commandPort(), settings.queryPort(), settings.dataDir());
        if (admin.printOnce() != null) {
            firstStartAdminToken = admin.printOnce();
            // to the console, not the log: a token must not end up in log files; this is its only appearance
            System.out.printf("%nThe admin token of this ChangeLedger, shown this once (only its SHA-256 is kept in"
                    + " %s):%n%n    %s%n%nSend it as 'Authorization: Bearer <token>' to both APIs.%n%n",
                    settings.dataDir(), admin.printOnce());
            System.out.flush();
        }
    }

    /**
     * Apps first, so nothing writes any more; then Kafka, then PostgreSQL, each stopped cleanly so that the
     * next start finds all data without recovery. Safe to call more than once, and while starting.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping ChangeLedger");
        while (!running.isEmpty()) {
            AutoCloseable component = running.pop();
            try {
                component.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.error("Could not stop {}", component, e);
            }
        }
        LOG.info("ChangeLedger stopped");
    }

    /** A component that finished starting after close() began is stopped at once instead of left running. */
    private synchronized <T extends AutoCloseable> T keep(T component) throws Exception {
        if (closed) {
            component.close();
            throw new IllegalStateException("ChangeLedger was stopped while starting");
        }
        running.push(component);
        return component;
    }

    private static void requireFree(int port, String variable) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // it could be bound, so it is free; closing it hands it to the component that needs it
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is in use; choose another one with " + variable, e);
        }
    }

    private AppProcess awaitFirstAppExit() {
        return (AppProcess) CompletableFuture.anyOf(apps.stream().map(AppProcess::onExit).toArray(CompletableFuture[]::new)).join();
    }

    private static String since(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** The admin token made at this start, if this was the first start and none was given; else null. */
    public String firstStartAdminToken() {
        return firstStartAdminToken;
    }

    static final String ADMIN_TOKEN = "CHANGELEDGER_ADMIN_TOKEN";

    /**
     * How the apps learn the bootstrap admin token.
     *
     * @param variable  the apps' environment variable: the token itself, or only its SHA-256
     * @param printOnce the token made at this, the first, start, to be shown once; else null
     */
    record AdminToken(String variable, String value, String printOnce) {
    }

    /**
     * The bootstrap admin token: the one given in the environment, else one made at the first start, of which only
     * the SHA-256 is kept in the data directory (readable by its owner only), so that the token itself is shown
     * once and stored nowhere; a lost token is replaced by deleting admin-token.sha256 and starting again.
     */
    static AdminToken adminToken(Path dataDir, String given) throws IOException {
        if (given != null && !given.isBlank()) {
            return new AdminToken(ADMIN_TOKEN, given, null);
        }
        Path file = dataDir.resolve("admin-token.sha256");
        String made = null;
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            made = "cla_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, sha256(made));
        }
        return new AdminToken(ADMIN_TOKEN + "_SHA256", Files.readString(file).trim(), made);
    }

    private static String sha256(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The key that encrypts webhook secrets: from the environment, else one made at the first start and kept in the
     * data directory, readable by its owner only, so that the webhooks registered before a restart still verify.
     */
    static String secretsKey(Path dataDir, String given) throws IOException {
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = dataDir.resolve("secrets.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
        }
        return Files.readString(file).trim();
    }
}
