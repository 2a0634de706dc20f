package io.changeledger.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** A real PostgreSQL 17 server, run from the binaries packaged in the launcher jar. */
final class Postgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Postgres.class);

    static final String DATABASE = "changeledger";
    // zonky's initdb sets up trust authentication and PostgreSQL listens on localhost only,
    // so the password is a formality the apps' datasource expects
    static final String USER = "changeledger";
    static final String PASSWORD = "changeledger";

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static Postgres start(Path dataDir, Path logFile, int port) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        Redirect log = Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // the ledger must survive restarts: zonky wipes the directory by default
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky trades durability for test speed (-F, synchronous_commit=off); a ledger may not
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // under load the disk took 200 to 700 MB in a second every 20 to 35 s, the data files' dirty pages
                // written back at once (at a checkpoint's end, and when the kernel wrote back what had been dirty for
                // 30 s), and commits waited for their own fsyncs behind that: every stage of the pipeline stalled for
                // up to a second. With the default 128 MB the backends also wrote out the pages they evicted; more
                // buffers evict less, and backends ask for write-back every 256 kB, as the checkpointer and bgwriter
                // do. Measured: fewer such seconds (5 a run instead of 8 or 9), not none
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("backend_flush_after", "256kB")
                // the launcher stops PostgreSQL itself, after the apps and Kafka are down
                .setRegisterShutdownHook(false)
                // crash recovery after an unclean stop can take longer than zonky's 10 s default
                .setPGStartupWait(Duration.ofMinutes(2))
                // server log in a file: it is the first place to look when something is wrong
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        try {
            createDatabaseIfMissing(server);
            return new Postgres(server);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        // pg_ctl stop -m fast: a shutdown checkpoint, so the next start needs no recovery
        server.close();
        LOG.info("Stopped PostgreSQL");
    }

    @Override
    public String toString() {
        return "PostgreSQL";
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres server) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            // CREATE DATABASE cannot run inside a transaction, hence the check instead of a single statement
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
