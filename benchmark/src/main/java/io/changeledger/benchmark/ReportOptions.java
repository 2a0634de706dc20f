package io.changeledger.benchmark;

/**
 * Options of the report scenario.
 *
 * @param changes    production changes seeded into the query side's read model
 * @param jdbcUrl    the query side's database (the {@code -Prun} stack's by default)
 * @param schema     the query side's schema there
 * @param runs       measured requests of each report, after one uncounted
 * @param cleanUp    whether the seeded rows are deleted afterwards
 */
record ReportOptions(int changes, String jdbcUrl, String user, String password, String schema, int runs,
                     boolean cleanUp) {

    static ReportOptions defaults() {
        return new ReportOptions(1_000_000, "jdbc:postgresql://localhost:15432/changeledger", "changeledger",
                "changeledger", "query", 5, true);
    }

    ReportOptions withChanges(int value) {
        return new ReportOptions(value, jdbcUrl, user, password, schema, runs, cleanUp);
    }

    ReportOptions withJdbcUrl(String value) {
        return new ReportOptions(changes, value, user, password, schema, runs, cleanUp);
    }

    ReportOptions withUser(String value) {
        return new ReportOptions(changes, jdbcUrl, value, password, schema, runs, cleanUp);
    }

    ReportOptions withPassword(String value) {
        return new ReportOptions(changes, jdbcUrl, user, value, schema, runs, cleanUp);
    }

    ReportOptions withSchema(String value) {
        return new ReportOptions(changes, jdbcUrl, user, password, value, runs, cleanUp);
    }

    ReportOptions withRuns(int value) {
        return new ReportOptions(changes, jdbcUrl, user, password, schema, value, cleanUp);
    }

    ReportOptions withCleanUp(boolean value) {
        return new ReportOptions(changes, jdbcUrl, user, password, schema, runs, value);
    }
}
