package io.changeledger.events.change;

/** What a production change does; the name is the {@code kind} of its {@link ChangeDetails} on the wire. */
public enum ChangeKind {
    DEPLOYMENT,
    HOTFIX,
    ROLLBACK,
    CONFIGURATION_CHANGE,
    SCALING_CHANGE,
    SECURITY_PATCH,
    SCHEMA_MIGRATION,
    DATA_CLEANUP,
    BACKUP,
    RESTORE,
    REGULATORY_CHANGE
}
