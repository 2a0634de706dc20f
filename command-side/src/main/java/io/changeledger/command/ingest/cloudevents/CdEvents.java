package io.changeledger.command.ingest.cloudevents;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.changeledger.command.ingest.cloudevents.Attributes.clip;

/**
 * CDEvents (spec v0.4.1, https://cdevents.dev) translated to the ledger's items. The CDEvent is the CloudEvent's
 * data, as the CDEvents CloudEvents binding has it; its context and subject are read field for field. Fields the
 * ledger does not need are left alone, so that a later minor version, which may add fields, reads the same.
 */
final class CdEvents {

    static final String PREFIX = "dev.cdevents.";
    /** The major version of each event type the ledger reads: that of the types in CDEvents v0.4.1. */
    static final String MAJOR = "0";
    static final String CHANGE = "changeledgerchange";
    static final String KEY = "changeledgerkey";
    static final String ACTOR = "changeledgeractor";

    private static final Pattern TYPE = Pattern.compile("dev\\.cdevents\\.([a-z]+)\\.([a-z]+)"
            + "\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int SUMMARY = 2000;
    private static final int RESOLUTION = 4000;
    private static final Map<String, BiFunction<CdEvent, CloudEvent, CloudEventItems.Mapped>> MAPPED =
            new TreeMap<>();

    static {
        MAPPED.put("service.deployed", CdEvents::deployed);
        MAPPED.put("service.upgraded", CdEvents::deployed);
        MAPPED.put("service.rolledback", CdEvents::rolledBack);
        MAPPED.put("service.removed", CdEvents::removed);
        MAPPED.put("incident.detected", CdEvents::incidentReported);
        MAPPED.put("incident.reported", CdEvents::incidentReported);
        MAPPED.put("incident.resolved", CdEvents::incidentResolved);
        MAPPED.put("change.merged", CdEvents::merged);
        MAPPED.put("pipelinerun.finished", CdEvents::pipelineRun);
        MAPPED.put("testsuiterun.finished", CdEvents::testSuiteRun);
        MAPPED.put("artifact.published", CdEvents::artifact);
        MAPPED.put("artifact.signed", CdEvents::artifact);
    }

    private CdEvents() {
    }

    static CloudEventItems.Mapped map(CloudEvent event) {
        Matcher type = TYPE.matcher(event.type());
        if (!type.matches()) {
            throw new CloudEventException(Attributes.TYPE, "'" + clip(event.type()) + "' is not a CDEvents type:"
                    + " expected dev.cdevents.<subject>.<predicate>.<major>.<minor>.<patch>");
        }
        String name = type.group(1) + "." + type.group(2);
        if (name.equals("service.published")) {
            // a service.published follows the service.deployed that already recorded the change; taken as a change
            // of its own, every deployment would count twice, the second time without a review
            throw new CloudEventException(Attributes.TYPE, "CDEvents type " + event.type() + " is not recorded:"
                    + " publishing a service makes reachable what its service.deployed already recorded, and is"
                    + " no production change of its own");
        }
        BiFunction<CdEvent, CloudEvent, CloudEventItems.Mapped> mapping = MAPPED.get(name);
        if (mapping == null) {
            throw new CloudEventException(Attributes.TYPE, "CDEvents type " + event.type() + " is not mapped;"
                    + " mapped types are " + String.join(", ", MAPPED.keySet()));
        }
        if (!type.group(3).equals(MAJOR)) {
            throw new CloudEventException(Attributes.TYPE, "CDEvents type " + event.type() + " has major version "
                    + clip(type.group(3)) + "; the ledger reads major version " + MAJOR + " of " + name
                    + " (CDEvents v0.4.1), any minor and patch");
        }
        return mapping.apply(CdEvent.read(event), event);
    }

    /** The parts of a CDEvent every type has. */
    record CdEvent(String type, String id, String source, Instant timestamp, String chainId, String subjectId,
                   String subjectSource, JsonNode content) {

        static CdEvent read(CloudEvent event) {
            if (event.data() == null) {
                throw new CloudEventException("data", "the event has no data, and a CDEvent is the data");
            }
            if (!event.hasJsonData()) {
                throw new CloudEventException(Attributes.DATACONTENTTYPE, event.notJson() + ", and a CDEvent is"
                        + " JSON (application/json)");
            }
            if (!event.data().isObject()) {
                throw new CloudEventException("data", "data must be a CDEvent, a JSON object with context and"
                        + " subject, not " + JsonFormat.kind(event.data()));
            }
            JsonNode context = object(event.data(), "data", "context", true);
            JsonNode subject = object(event.data(), "data", "subject", true);
            String type = text(context, "data.context", "type", true);
            if (!type.equals(event.type())) {
                throw new CloudEventException("data.context.type", "the CloudEvent's type " + event.type()
                        + " and its CDEvent's context.type " + clip(type) + " differ");
            }
            Instant timestamp = Attributes.timestamp("data.context.timestamp",
                    text(context, "data.context", "timestamp", true)).toInstant();
            JsonNode content = object(subject, "data.subject", "content", false);
            return new CdEvent(type, text(context, "data.context", "id", true),
                    text(context, "data.context", "source", true), timestamp,
                    text(context, "data.context", "chainId", false), text(subject, "data.subject", "id", true),
                    text(subject, "data.subject", "source", false), content == null ? NODES.objectNode() : content);
        }

        String content(String field) {
            return text(content, "data.subject.content", field, false);
        }

        String requiredContent(String field, String why) {
            String value = content(field);
            if (value == null) {
                throw new CloudEventException("data.subject.content." + field, "data.subject.content." + field
                        + " is required: " + why);
            }
            return value;
        }

        /** The id of a reference ({@code {"id": …, "source": …}}) in the content; null when there is none. */
        String reference(String field) {
            JsonNode reference = CdEvents.object(content, "data.subject.content", field, false);
            return reference == null ? null : text(reference, "data.subject.content." + field, "id", true);
        }

        String requiredReference(String field, String why) {
            String id = reference(field);
            if (id == null) {
                throw new CloudEventException("data.subject.content." + field, "data.subject.content." + field
                        + ".id is required: " + why);
            }
            return id;
        }

        JsonNode contentObject(String field) {
            return CdEvents.object(content, "data.subject.content", field, false);
        }
    }

    private static CloudEventItems.Mapped deployed(CdEvent cd, CloudEvent event) {
        String artifactId = cd.requiredContent("artifactId", "the ledger records the version deployed");
        PackageUrl purl = PackageUrl.parse("data.subject.content.artifactId", artifactId);
        ObjectNode details = NODES.objectNode().put("kind", "DEPLOYMENT").put("version", version(purl, artifactId));
        if (purl.digest() != null) {
            details.put("artifactDigest", purl.digest());
        }
        return reported(cd, event, details, artifactId);
    }

    private static CloudEventItems.Mapped rolledBack(CdEvent cd, CloudEvent event) {
        String artifactId = cd.requiredContent("artifactId", "the ledger records the version rolled back to");
        PackageUrl purl = PackageUrl.parse("data.subject.content.artifactId", artifactId);
        ObjectNode details = NODES.objectNode().put("kind", "ROLLBACK").put("toVersion", version(purl, artifactId));
        return reported(cd, event, details, artifactId);
    }

    private static CloudEventItems.Mapped removed(CdEvent cd, CloudEvent event) {
        ObjectNode details = NODES.objectNode().put("kind", "CONFIGURATION_CHANGE")
                .put("item", "service/" + cd.subjectId())
                .put("description", "service removed from " + environment(cd));
        return reported(cd, event, details, null);
    }

    private static String version(PackageUrl purl, String artifactId) {
        if (purl.version() == null) {
            throw new CloudEventException("data.subject.content.artifactId", "data.subject.content.artifactId '"
                    + clip(artifactId) + "' has no version (pkg:type/name@version), and the ledger records the"
                    + " version");
        }
        return purl.version();
    }

    private static String environment(CdEvent cd) {
        return cd.requiredReference("environment", "the ledger records a change in an environment");
    }

    private static CloudEventItems.Mapped reported(CdEvent cd, CloudEvent event, ObjectNode details,
                                                   String artifactId) {
        ObjectNode data = NODES.objectNode();
        putIfPresent(data, "changeId", extension(event, CHANGE));
        data.set("details", details);
        data.put("service", cd.subjectId());
        data.put("environment", environment(cd));
        data.put("actor", actor(cd, event));
        putIfPresent(data, "correlationKey", extension(event, KEY));
        data.put("outcome", "COMPLETED");
        ObjectNode attributes = data.putObject("attributes");
        attributes.put("cdevents.type", cd.type());
        attributes.put("cdevents.contextId", cd.id());
        putIfPresent(attributes, "cdevents.chainId", cd.chainId());
        putIfPresent(attributes, "cdevents.artifactId", artifactId);
        data.put("occurredAt", cd.timestamp().toString());
        return new CloudEventItems.Mapped("change.reported", data);
    }

    private static CloudEventItems.Mapped incidentReported(CdEvent cd, CloudEvent event) {
        ObjectNode data = NODES.objectNode();
        data.put("incidentId", cd.subjectId());
        data.put("service", cd.requiredReference("service", "the ledger records an incident against a service"));
        data.put("environment", cd.requiredReference("environment", "the ledger records an incident in an"
                + " environment"));
        putIfPresent(data, "summary", clip(cd.content("description"), SUMMARY));
        if (cd.type().startsWith(PREFIX + "incident.reported.")) {
            putIfPresent(data, "url", cd.content("ticketURI"));
        }
        putIfPresent(data, "changeId", extension(event, CHANGE));
        data.put("reportedBy", actor(cd, event));
        data.put("occurredAt", cd.timestamp().toString());
        return new CloudEventItems.Mapped("incident.reported", data);
    }

    private static CloudEventItems.Mapped incidentResolved(CdEvent cd, CloudEvent event) {
        ObjectNode data = NODES.objectNode();
        data.put("incidentId", cd.subjectId());
        data.put("resolvedBy", actor(cd, event));
        putIfPresent(data, "resolution", clip(cd.content("description"), RESOLUTION));
        data.put("occurredAt", cd.timestamp().toString());
        return new CloudEventItems.Mapped("incident.resolved", data);
    }

    private static CloudEventItems.Mapped merged(CdEvent cd, CloudEvent event) {
        JsonNode repository = cd.contentObject("repository");
        String repositoryId = repository == null ? null
                : text(repository, "data.subject.content.repository", "id", false);
        String url = repository == null ? null : text(repository, "data.subject.content.repository", "url", false);
        if (url == null && repository != null) {
            url = text(repository, "data.subject.content.repository", "viewUrl", false);
        }
        return evidence(cd, event, "MERGE", firstOf(url, cd.subjectSource(), cd.source()), null,
                "merged " + cd.subjectId() + (repositoryId == null ? "" : " in " + repositoryId));
    }

    private static CloudEventItems.Mapped pipelineRun(CdEvent cd, CloudEvent event) {
        String url = cd.requiredContent("url", "evidence is a link to the pipeline run");
        String name = cd.content("pipelineName");
        String outcome = cd.content("outcome");
        String errors = cd.content("errors");
        return evidence(cd, event, "CI_RUN", url, null, "pipeline run " + cd.subjectId()
                + (name == null ? "" : " of " + name) + " finished"
                + (outcome == null ? "" : " with outcome " + outcome)
                + (errors == null ? "" : ": " + errors));
    }

    /** CDEvents v0.4.1 gives a test suite run no link of its own; its subject source is the nearest there is. */
    private static CloudEventItems.Mapped testSuiteRun(CdEvent cd, CloudEvent event) {
        JsonNode suite = cd.contentObject("testSuite");
        String path = "data.subject.content.testSuite";
        String suiteName = suite == null ? null : firstOf(text(suite, path, "name", false), text(suite, path, "id",
                false));
        String suiteVersion = suite == null ? null : text(suite, path, "version", false);
        String suiteUri = suite == null ? null : text(suite, path, "uri", false);
        String outcome = cd.content("outcome");
        String severity = cd.content("severity");
        String reason = cd.content("reason");
        String environment = cd.reference("environment");
        return evidence(cd, event, "TEST_REPORT", firstOf(cd.subjectSource(), cd.source()), null,
                "test suite run " + cd.subjectId()
                        + (suiteName == null ? "" : " of " + suiteName + (suiteVersion == null ? ""
                        : " " + suiteVersion))
                        + (environment == null ? "" : " in " + environment) + " finished"
                        + (outcome == null ? "" : " with outcome " + outcome)
                        + (severity == null ? "" : ", severity " + severity)
                        + (reason == null ? "" : ": " + reason)
                        + (suiteUri == null ? "" : " (suite " + suiteUri + ")"));
    }

    /** The subject of an artifact event is the artifact's purl, which is also the link to it. */
    private static CloudEventItems.Mapped artifact(CdEvent cd, CloudEvent event) {
        PackageUrl purl = PackageUrl.parse("data.subject.id", cd.subjectId());
        String description;
        if (cd.type().startsWith(PREFIX + "artifact.signed.")) {
            String signature = cd.content("signature");
            description = "artifact " + cd.subjectId() + " signed" + (signature == null ? ""
                    : "; signature " + signature);
        } else {
            String user = cd.content("user");
            JsonNode sbom = cd.contentObject("sbom");
            String sbomUri = sbom == null ? null : text(sbom, "data.subject.content.sbom", "uri", false);
            description = "artifact " + cd.subjectId() + " published" + (user == null ? "" : " by " + user)
                    + (sbomUri == null ? "" : "; SBOM " + sbomUri);
        }
        return evidence(cd, event, "ARTIFACT", cd.subjectId(), purl.sha256(), description);
    }

    private static CloudEventItems.Mapped evidence(CdEvent cd, CloudEvent event, String type, String url,
                                                   String sha256, String description) {
        String changeId = extension(event, CHANGE);
        String correlationKey = extension(event, KEY);
        if (changeId == null && correlationKey == null) {
            throw new CloudEventException(CHANGE, "CDEvents type " + event.type() + " is evidence of a change, and"
                    + " the event names none: set the CloudEvent extension " + CHANGE + " (the ledger's change id)"
                    + " or " + KEY + " (the change's correlation key)");
        }
        ObjectNode data = NODES.objectNode();
        putIfPresent(data, "changeId", changeId);
        putIfPresent(data, "correlationKey", correlationKey);
        ObjectNode evidence = data.putObject("evidence");
        evidence.put("type", type);
        evidence.put("url", url);
        putIfPresent(evidence, "sha256", sha256);
        // the link is the evidence; the description only says what it is, so a long error log is cut short
        evidence.put("description", clip(description, SUMMARY));
        data.put("attachedBy", actor(cd, event));
        data.put("occurredAt", cd.timestamp().toString());
        return new CloudEventItems.Mapped("evidence.attached", data);
    }

    private static String actor(CdEvent cd, CloudEvent event) {
        return firstOf(extension(event, ACTOR), cd.source());
    }

    /** An extension's value; an empty one counts as absent. */
    private static String extension(CloudEvent event, String name) {
        String value = event.extension(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static JsonNode object(JsonNode parent, String path, String field, boolean required) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new CloudEventException(path + "." + field, path + "." + field + " is required");
            }
            return null;
        }
        if (!value.isObject()) {
            throw new CloudEventException(path + "." + field, path + "." + field + " must be a JSON object, not "
                    + JsonFormat.kind(value));
        }
        return value;
    }

    /** A string field; an empty optional one counts as absent. */
    private static String text(JsonNode parent, String path, String field, boolean required) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull() || (!required && value.isString() && value.stringValue().isEmpty())) {
            if (required) {
                throw new CloudEventException(path + "." + field, path + "." + field + " is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw new CloudEventException(path + "." + field, path + "." + field + " must be a string, not "
                    + JsonFormat.kind(value));
        }
        if (value.stringValue().isEmpty()) {
            throw new CloudEventException(path + "." + field, path + "." + field + " must not be empty");
        }
        return value.stringValue();
    }
}
