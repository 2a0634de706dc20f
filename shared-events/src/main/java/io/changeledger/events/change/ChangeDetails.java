package io.changeledger.events.change;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.changeledger.events.Require;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each kind of change needs beyond the common fields. On the wire the object carries its kind
 * ({@code "kind":"DEPLOYMENT"}), a logical name from {@link ChangeKind}, never a Java class name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChangeDetails.Deployment.class, name = "DEPLOYMENT"),
        @JsonSubTypes.Type(value = ChangeDetails.Hotfix.class, name = "HOTFIX"),
        @JsonSubTypes.Type(value = ChangeDetails.Rollback.class, name = "ROLLBACK"),
        @JsonSubTypes.Type(value = ChangeDetails.ConfigurationChange.class, name = "CONFIGURATION_CHANGE"),
        @JsonSubTypes.Type(value = ChangeDetails.ScalingChange.class, name = "SCALING_CHANGE"),
        @JsonSubTypes.Type(value = ChangeDetails.SecurityPatch.class, name = "SECURITY_PATCH"),
        @JsonSubTypes.Type(value = ChangeDetails.SchemaMigration.class, name = "SCHEMA_MIGRATION"),
        @JsonSubTypes.Type(value = ChangeDetails.DataCleanup.class, name = "DATA_CLEANUP"),
        @JsonSubTypes.Type(value = ChangeDetails.Backup.class, name = "BACKUP"),
        @JsonSubTypes.Type(value = ChangeDetails.Restore.class, name = "RESTORE"),
        @JsonSubTypes.Type(value = ChangeDetails.RegulatoryChange.class, name = "REGULATORY_CHANGE")
})
public sealed interface ChangeDetails {

    ChangeKind kind();

    /** The version a change brings to production, for the kinds that have one; staging checks compare it. */
    default String deployedVersion() {
        return null;
    }

    /**
     * @param artifactDigest OCI-style digest ({@code sha256:…}) of what was deployed, when the source knows it
     */
    record Deployment(String version, String artifactDigest) implements ChangeDetails {
        public Deployment {
            Require.text(version, "version");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.DEPLOYMENT;
        }

        @Override
        public String deployedVersion() {
            return version;
        }
    }

    /** A fix shipped outside the normal train; an emergency change unless said otherwise. */
    record Hotfix(String version, String artifactDigest, String incident) implements ChangeDetails {
        public Hotfix {
            Require.text(version, "version");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.HOTFIX;
        }

        @Override
        public String deployedVersion() {
            return version;
        }
    }

    /**
     * @param rolledBackChangeId the ledger change being undone, when known
     */
    record Rollback(String fromVersion, String toVersion, String rolledBackChangeId) implements ChangeDetails {
        public Rollback {
            Require.text(toVersion, "toVersion");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.ROLLBACK;
        }
    }

    /**
     * @param item         the setting, file or resource changed (e.g. a feature flag, a Helm value, a Terraform resource)
     * @param fromRevision what it was, as a revision or digest, so a secret's value never reaches the ledger
     */
    record ConfigurationChange(String item, String fromRevision, String toRevision, String description)
            implements ChangeDetails {
        public ConfigurationChange {
            Require.text(item, "item");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.CONFIGURATION_CHANGE;
        }
    }

    /**
     * @param unit what the capacity counts: replicas, vCPU, GiB, nodes
     */
    record ScalingChange(String resource, Long fromCapacity, Long toCapacity, String unit) implements ChangeDetails {
        public ScalingChange {
            Require.text(resource, "resource");
            Objects.requireNonNull(toCapacity, "toCapacity");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.SCALING_CHANGE;
        }
    }

    /**
     * @param advisories the advisories the patch closes (CVE, GHSA ids)
     */
    record SecurityPatch(String version, List<String> advisories, Severity severity) implements ChangeDetails {
        public SecurityPatch {
            Require.text(version, "version");
            advisories = advisories == null ? List.of() : List.copyOf(advisories);
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.SECURITY_PATCH;
        }

        @Override
        public String deployedVersion() {
            return version;
        }
    }

    /**
     * @param tool the migration tool (Flyway, Liquibase, Alembic …)
     */
    record SchemaMigration(String database, String fromVersion, String toVersion, String tool)
            implements ChangeDetails {
        public SchemaMigration {
            Require.text(database, "database");
            Require.text(toVersion, "toVersion");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.SCHEMA_MIGRATION;
        }
    }

    /**
     * @param affectedRecords records changed or deleted, per table or collection
     * @param classifications the classes of data the clean-up touched
     */
    record DataCleanup(String dataset, Map<String, Long> affectedRecords,
                       Set<DataClassification> classifications, String justification)
            implements ChangeDetails {
        public DataCleanup {
            Require.text(dataset, "dataset");
            if (affectedRecords == null || affectedRecords.isEmpty()) {
                throw new IllegalArgumentException("affectedRecords is required");
            }
            affectedRecords.forEach((table, count) -> {
                if (count == null || count < 0) {
                    throw new IllegalArgumentException("affectedRecords of " + table + " must be zero or more");
                }
            });
            if (classifications == null || classifications.isEmpty()) {
                throw new IllegalArgumentException("classifications is required");
            }
            affectedRecords = Collections.unmodifiableSortedMap(new TreeMap<>(affectedRecords));
            classifications = Collections.unmodifiableSortedSet(new TreeSet<>(classifications));
        }

        public long totalAffectedRecords() {
            return affectedRecords.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.DATA_CLEANUP;
        }
    }

    /**
     * @param contentSha256 hex SHA-256 of the backup's content, so a restore can prove what it restored
     */
    record Backup(String target, String backupId, String location, Long sizeBytes, String contentSha256)
            implements ChangeDetails {
        public Backup {
            Require.text(target, "target");
            Require.text(backupId, "backupId");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.BACKUP;
        }
    }

    /**
     * @param backupId       the backup restored from
     * @param backupChangeId the ledger change that recorded that backup, when it is on the ledger
     * @param restorePoint   the point in time the data was restored to
     */
    record Restore(String target, String backupId, String backupChangeId, Instant restorePoint)
            implements ChangeDetails {
        public Restore {
            Require.text(target, "target");
            Require.text(backupId, "backupId");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.RESTORE;
        }
    }

    /**
     * @param regulation the rule or framework behind the change (GDPR Art. 17, SOX 404, an internal policy)
     */
    record RegulatoryChange(String regulation, RegulatoryArea area, String description, Instant effectiveFrom)
            implements ChangeDetails {
        public RegulatoryChange {
            Require.text(regulation, "regulation");
            Objects.requireNonNull(area, "area");
            Require.text(description, "description");
        }

        @Override
        public ChangeKind kind() {
            return ChangeKind.REGULATORY_CHANGE;
        }
    }

    enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    enum DataClassification { PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED, PERSONAL, SENSITIVE_PERSONAL, FINANCIAL }

    enum RegulatoryArea { RETENTION, DATA_HANDLING, DATA_RESIDENCY, ACCESS_POLICY, REPORTING, OTHER }
}
