-- The command side connects as this role; Flyway (as the owner, POSTGRES_USER) grants it what it needs and
-- nothing more on the append-only tables (command-side/src/main/resources/db/migration/afterMigrate.sql).
-- Use a real secret outside this demo stack.
CREATE ROLE changeledger_app LOGIN PASSWORD 'changeledger_app';
