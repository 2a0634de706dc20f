-- Runs after every migration, so that tables added later get the same privileges. With a separate application
-- role (CHANGELEDGER_DB_APP_ROLE; Flyway then connects as the owner, see README), that role may read and write
-- every table of the schema, but only read and insert the append-only ones: it cannot update, delete, truncate,
-- or (not being the owner) disable their triggers.
DO $$
DECLARE
    app_role TEXT := '${app_role}';
    append_only TEXT;
BEGIN
    IF app_role = '' OR app_role = current_user THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
        RAISE EXCEPTION 'ChangeLedger: the application role % does not exist', app_role;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app_role);
    FOREACH append_only IN ARRAY ARRAY['domainevententry', 'ledger_entry', 'ledger_node', 'ledger_checkpoint',
                                        'ledger_checkpoint_publication']
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON %I FROM %I', append_only, app_role);
    END LOOP;
END
$$;
