package io.changeledger.command.proof;

import io.changeledger.command.Infrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The setup the README describes: Flyway migrates as the owner, the application connects as a role of its own. */
class ApplicationRoleIntegrationTest {

    private static final PostgreSQLContainer postgres = Infrastructure.newPostgres();

    @BeforeAll
    static void migrateAsTheOwnerForTheApplicationRole() throws SQLException {
        postgres.start();
        try (Connection owner = connectAsOwner(); Statement sql = owner.createStatement()) {
            sql.execute("create role changeledger_app login password 'app'");
        }
        Flyway.configure()
                .dataSource(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())
                .schemas("command")
                .placeholders(Map.of("app_role", "changeledger_app"))
                .load()
                .migrate();
    }

    @AfterAll
    static void stop() {
        postgres.stop();
    }

    @Test
    void letsTheApplicationAppendHistoryButNeverChangeItNorSwitchOffTheGuards() throws SQLException {
        try (Connection app = connectAsApplication(); Statement sql = app.createStatement()) {
            sql.execute("""
                    insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, payload,
                                                  payloadtype, timestamp)
                    values ('a-1', 0, 'Change', 'e-1', '\\x7b7d', 'ChangeRecorded', '2026-11-26T10:00:00Z')""");
            sql.execute("insert into ledger_entry (sequence, event_id, global_index, leaf_hash) "
                    + "values (0, 'e-1', 1, decode(repeat('ab', 32), 'hex'))");

            assertRefused(sql, "update domainevententry set payload = '\\x00'", "permission denied");
            assertRefused(sql, "delete from ledger_entry", "permission denied");
            assertRefused(sql, "truncate ledger_node", "permission denied");
            assertRefused(sql, "alter table ledger_entry disable trigger all", "must be owner");
            assertRefused(sql, "drop trigger ledger_entry_append_only on ledger_entry", "must be owner");

            // the rest of the schema is the application's working state: its progress, its lookups
            sql.execute("insert into tokenentry (processorname, segment) values ('kafka-publisher', 0)");
            assertThat(sql.executeUpdate("update tokenentry set owner = 'me' where processorname = 'kafka-publisher'"))
                    .isOne();
            assertThat(sql.executeUpdate("delete from tokenentry where processorname = 'kafka-publisher'")).isOne();
        }
    }

    @Test
    void keepsTheOwnerFromRewritingHistoryThroughTheTriggers() throws SQLException {
        try (Connection owner = connectAsOwner(); Statement sql = owner.createStatement()) {
            sql.execute("set search_path to command");
            sql.execute("""
                    insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, payload,
                                                  payloadtype, timestamp)
                    values ('a-2', 0, 'Change', 'e-2', '\\x7b7d', 'ChangeRecorded', '2026-11-26T10:00:00Z')""");

            assertRefused(sql, "update domainevententry set payload = '\\x00' where eventidentifier = 'e-2'",
                    "append-only");
            assertRefused(sql, "delete from domainevententry where eventidentifier = 'e-2'", "append-only");
        }
    }

    private static void assertRefused(Statement sql, String statement, String reason) {
        assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                .isInstanceOf(SQLException.class).hasMessageContaining(reason);
    }

    private static Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    private static Connection connectAsApplication() throws SQLException {
        Connection app = DriverManager.getConnection(postgres.getJdbcUrl(), "changeledger_app", "app");
        try (Statement sql = app.createStatement()) {
            sql.execute("set search_path to command");
        }
        return app;
    }
}
