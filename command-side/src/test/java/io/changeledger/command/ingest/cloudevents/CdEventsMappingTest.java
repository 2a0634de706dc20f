package io.changeledger.command.ingest.cloudevents;

import io.changeledger.command.change.ChangeRequests;
import io.changeledger.command.ingest.IngestItem;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.events.change.EvidenceLink;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.JSON;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.cdevent;
import static io.changeledger.command.ingest.cloudevents.CloudEventFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CDEvents v0.4.1, as its conformance examples have them field for field, translated to the ledger's items; the
 * change reports are read back by the ledger's own strict request types and their validation.
 */
class CdEventsMappingTest {

    private static final String DIGEST = "sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427";
    private static final String OCI = "pkg:oci/myapp@sha256%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817"
            + "db93427";
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Set<String> INCIDENT_REPORTED = Set.of("incidentId", "service", "environment", "summary",
            "severity", "url", "changeId", "reportedBy", "occurredAt");
    private static final Set<String> INCIDENT_RESOLVED = Set.of("incidentId", "resolvedBy", "resolution",
            "occurredAt");
    private static final Set<String> EVIDENCE_ATTACHED = Set.of("changeId", "correlationKey", "evidence",
            "attachedBy", "occurredAt");
    private static final Map<String, String> CHANGE = Map.of("changeledgerchange", "01HZX3K5Q7V9ABCDEF12345678");

    private static ValidatorFactory validation;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        validation = Validation.buildDefaultValidatorFactory();
        validator = validation.getValidator();
    }

    @AfterAll
    static void close() {
        validation.close();
    }

    @Test
    void recordsServiceDeployedAsACompletedDeploymentOfThePurlVersion() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("service_deployed")));

        assertThat(item.type()).isEqualTo("change.reported");
        assertThat(item.idempotencyKey()).isEqualTo("/event/source/123 271069a8-fc18-44f1-b38f-9d70a1695819");
        assertThat(item.sequence()).isNull();
        assertThat(item.data()).isEqualTo(JSON.readTree("""
                {"details": {"kind": "DEPLOYMENT", "version": "%1$s", "artifactDigest": "%1$s"},
                 "service": "mySubject123",
                 "environment": "test123",
                 "actor": "/event/source/123",
                 "outcome": "COMPLETED",
                 "attributes": {"cdevents.type": "dev.cdevents.service.deployed.0.2.0",
                                "cdevents.contextId": "271069a8-fc18-44f1-b38f-9d70a1695819",
                                "cdevents.chainId": "4c8cb7dd-3448-41de-8768-eec704e2829b",
                                "cdevents.artifactId": "%2$s"},
                 "occurredAt": "2023-03-20T14:27:05.315384Z"}
                """.formatted(DIGEST, OCI)));
        ChangeRequests.ReportChange report = report(item);
        assertThat(report.details()).isEqualTo(new ChangeDetails.Deployment(DIGEST, DIGEST));
        assertThat(report.outcome()).isEqualTo(ChangeOutcome.COMPLETED);
        assertThat(report.occurredAt()).isEqualTo(Instant.parse("2023-03-20T14:27:05.315384Z"));
    }

    @Test
    void recordsServiceUpgradedAsADeploymentToo() {
        ObjectNode upgraded = cdevent("service_upgraded");
        content(upgraded).put("artifactId", "pkg:maven/org/app@1.2.3?type=jar#src/main");

        IngestItem item = CloudEventItems.toItem(event(upgraded));

        assertThat(item.type()).isEqualTo("change.reported");
        assertThat(report(item).details()).as("a version that is no digest is no artifactDigest")
                .isEqualTo(new ChangeDetails.Deployment("1.2.3", null));
        assertThat(item.data().get("attributes").get("cdevents.type").asString())
                .isEqualTo("dev.cdevents.service.upgraded.0.2.0");
    }

    @Test
    void recordsServiceRolledbackAsARollbackToThePurlVersion() {
        ObjectNode rolledBack = cdevent("service_rolledback");
        content(rolledBack).put("artifactId", "pkg:oci/myapp@v1.4.1");

        IngestItem item = CloudEventItems.toItem(event(rolledBack));

        assertThat(item.data().get("details")).isEqualTo(JSON.readTree("""
                {"kind": "ROLLBACK", "toVersion": "v1.4.1"}"""));
        assertThat(report(item).details()).isEqualTo(new ChangeDetails.Rollback(null, "v1.4.1", null));
        assertThat(report(item).outcome()).isEqualTo(ChangeOutcome.COMPLETED);
    }

    @Test
    void recordsServiceRemovedAsAConfigurationChangeOfTheService() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("service_removed")));

        assertThat(item.data().get("details")).isEqualTo(JSON.readTree("""
                {"kind": "CONFIGURATION_CHANGE", "item": "service/mySubject123",
                 "description": "service removed from test123"}"""));
        assertThat(item.data().get("attributes").has("cdevents.artifactId")).isFalse();
        assertThat(report(item).details()).isEqualTo(new ChangeDetails.ConfigurationChange("service/mySubject123",
                null, null, "service removed from test123"));
    }

    @Test
    void keepsAQualifiedServiceIdAsGiven() {
        ObjectNode deployed = cdevent("service_deployed");
        ((ObjectNode) deployed.get("subject")).put("id", "payments/checkout");

        assertThat(report(CloudEventItems.toItem(event(deployed))).service()).isEqualTo("payments/checkout");
    }

    @Test
    void takesTheActorAndTheChangeFromTheLedgersExtensions() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("service_deployed"), Map.of(
                "changeledgeractor", "jane@example.com", "changeledgerchange", "01HZX3K5Q7V9ABCDEF12345678",
                "changeledgerkey", "release-2024-05")));

        ChangeRequests.ReportChange report = report(item);
        assertThat(report.actor()).isEqualTo("jane@example.com");
        assertThat(report.changeId()).isEqualTo("01HZX3K5Q7V9ABCDEF12345678");
        assertThat(report.correlationKey()).isEqualTo("release-2024-05");
    }

    @Test
    void leavesOutTheChainIdWhenTheCdEventHasNone() {
        ObjectNode deployed = cdevent("service_deployed");
        ((ObjectNode) deployed.get("context")).remove("chainId");

        assertThat(CloudEventItems.toItem(event(deployed)).data().get("attributes").has("cdevents.chainId")).isFalse();
    }

    @Test
    void refusesServicePublishedAsNoProductionChange() {
        assertThatThrownBy(() -> CloudEventItems.toItem(event(cdevent("service_published"))))
                .isInstanceOf(CloudEventException.class)
                .hasMessage("CDEvents type dev.cdevents.service.published.0.2.0 is not recorded: publishing a service"
                        + " makes reachable what its service.deployed already recorded, and is no production change"
                        + " of its own");
    }

    @Test
    void recordsIncidentDetectedAsAReportedIncident() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("incident_detected")));

        assertThat(item.type()).isEqualTo("incident.reported");
        assertThat(item.idempotencyKey()).isEqualTo("/monitoring/prod1 F4BD2B55-B6F6-4F44-AF72-BD2D0E7A8708");
        assertThat(item.data()).isEqualTo(JSON.readTree("""
                {"incidentId": "incident-123", "service": "myApp", "environment": "prod1",
                 "summary": "Response time above threshold of 100ms", "reportedBy": "/monitoring/prod1",
                 "occurredAt": "2022-11-11T13:52:20.079Z"}"""));
        assertThat(item.data().propertyNames()).isSubsetOf(INCIDENT_REPORTED);
    }

    @Test
    void recordsIncidentReportedWithItsTicketAsUrl() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("incident_reported"), CHANGE));

        assertThat(item.type()).isEqualTo("incident.reported");
        assertThat(item.data()).isEqualTo(JSON.readTree("""
                {"incidentId": "incident-123", "service": "myApp", "environment": "prod1",
                 "summary": "Response time above threshold of 100ms",
                 "url": "https://my-issues.example/incidents/ticket-345",
                 "changeId": "01HZX3K5Q7V9ABCDEF12345678",
                 "reportedBy": "/monitoring/prod1", "occurredAt": "2022-11-11T13:52:20.079Z"}"""));
        assertThat(item.data().propertyNames()).isSubsetOf(INCIDENT_REPORTED);
    }

    @Test
    void refusesAnIncidentWithoutService() {
        ObjectNode reported = cdevent("incident_reported");
        content(reported).remove("service");

        assertThatThrownBy(() -> CloudEventItems.toItem(event(reported)))
                .hasMessage("data.subject.content.service.id is required: the ledger records an incident against a"
                        + " service")
                .extracting("attribute").isEqualTo("data.subject.content.service");
    }

    @Test
    void recordsIncidentResolved() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("incident_resolved"),
                Map.of("changeledgeractor", "oncall@example.com")));

        assertThat(item.type()).isEqualTo("incident.resolved");
        assertThat(item.data()).isEqualTo(JSON.readTree("""
                {"incidentId": "incident-123", "resolvedBy": "oncall@example.com",
                 "resolution": "Response time restored below 100ms", "occurredAt": "2022-11-11T13:52:20.079Z"}"""));
        assertThat(item.data().propertyNames()).isSubsetOf(INCIDENT_RESOLVED);
    }

    @Test
    void recordsChangeMergedAsMergeEvidenceAtTheTimeOfTheMerge() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("change_merged"), CHANGE));

        assertThat(item.type()).isEqualTo("evidence.attached");
        assertThat(item.data()).isEqualTo(JSON.readTree("""
                {"changeId": "01HZX3K5Q7V9ABCDEF12345678",
                 "evidence": {"type": "MERGE", "url": "/event/source/123",
                              "description": "merged mySubject123 in TestRepo/TestOrg"},
                 "attachedBy": "/event/source/123", "occurredAt": "2023-03-20T14:27:05.315384Z"}"""));
        assertEvidenceShape(item);
    }

    @Test
    void linksChangeMergedToTheRepositoryUrlWhenItHasOne() {
        ObjectNode merged = cdevent("change_merged");
        ((ObjectNode) content(merged).get("repository")).put("viewUrl", "https://example.org/TestRepo/TestOrg/pull/7");

        IngestItem item = CloudEventItems.toItem(event(merged, Map.of("changeledgerkey", "release-2024-05")));

        assertThat(item.data().get("evidence").get("url").asString())
                .isEqualTo("https://example.org/TestRepo/TestOrg/pull/7");
        assertThat(item.data().get("correlationKey").asString()).isEqualTo("release-2024-05");
        assertThat(item.data().has("changeId")).isFalse();
    }

    @Test
    void recordsPipelineRunFinishedAsCiRunEvidence() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("pipelinerun_finished"), CHANGE));

        assertThat(item.data().get("evidence")).isEqualTo(JSON.readTree("""
                {"type": "CI_RUN", "url": "https://www.example.com/mySubject123",
                 "description": "pipeline run mySubject123 of myPipeline finished with outcome failure: Something went\
                 wrong\\nWith some more details"}"""));
        assertEvidenceShape(item);
    }

    @Test
    void cutsALongErrorLogShortInTheEvidenceDescription() {
        ObjectNode finished = cdevent("pipelinerun_finished");
        content(finished).put("errors", "x".repeat(10_000));

        String description = CloudEventItems.toItem(event(finished, CHANGE)).data().get("evidence").get("description")
                .asString();

        assertThat(description).hasSize(2000).endsWith("x…");
    }

    @Test
    void recordsTestSuiteRunFinishedAsTestReportEvidence() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("testsuiterun_finished"), CHANGE));

        assertThat(item.data().get("evidence")).isEqualTo(JSON.readTree("""
                {"type": "TEST_REPORT", "url": "/event/source/123",
                 "description": "test suite run myTestSuiteRun123 of Auth TestSuite 1.0 in dev finished with outcome\
                 fail, severity critical: Host 123.34.23.32 not found"}"""));
        assertEvidenceShape(item);
    }

    @Test
    void recordsArtifactPublishedAsArtifactEvidenceWithItsDigest() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("artifact_published"), CHANGE));

        assertThat(item.data().get("evidence")).isEqualTo(JSON.readTree("""
                {"type": "ARTIFACT", "url": "%s",
                 "sha256": "0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427",
                 "description": "artifact %1$s published by mybot-myapp; SBOM https://sbom.repo/myorg/sbom.json"}\
                """.formatted(OCI)));
        assertEvidenceShape(item);
    }

    @Test
    void recordsArtifactSignedAsArtifactEvidenceWithItsSignature() {
        IngestItem item = CloudEventItems.toItem(event(cdevent("artifact_signed"), CHANGE));

        assertThat(item.data().get("evidence").get("type").asString()).isEqualTo("ARTIFACT");
        assertThat(item.data().get("evidence").get("description").asString()).isEqualTo("artifact " + OCI
                + " signed; signature MEYCIQCBT8U5ypDXWCjlNKfzTV4KH516/SK13NZSh8znnSMNkQIhAJ3XiQlc9PM1KyjITcZXHotdMB"
                + "+J3NGua5T/yshmiPmp");
        assertEvidenceShape(item);
    }

    @ParameterizedTest
    @ValueSource(strings = {"change_merged", "pipelinerun_finished", "testsuiterun_finished", "artifact_published",
            "artifact_signed"})
    void refusesEvidenceThatNamesNoChange(String name) {
        assertThatThrownBy(() -> CloudEventItems.toItem(event(cdevent(name))))
                .isInstanceOf(CloudEventException.class)
                .hasMessageEndingWith("is evidence of a change, and the event names none: set the CloudEvent"
                        + " extension changeledgerchange (the ledger's change id) or changeledgerkey (the change's"
                        + " correlation key)");
    }

    @Test
    void refusesAnUnmappedTypeAndListsTheMappedOnes() {
        assertThatThrownBy(() -> CloudEventItems.toItem(event(cdevent("pipelinerun_queued"), CHANGE)))
                .hasMessage("CDEvents type dev.cdevents.pipelinerun.queued.0.2.0 is not mapped; mapped types are"
                        + " artifact.published, artifact.signed, change.merged, incident.detected, incident.reported,"
                        + " incident.resolved, pipelinerun.finished, service.deployed, service.removed,"
                        + " service.rolledback, service.upgraded, testsuiterun.finished");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1.0", "0.2.1", "0.3.0", "0.3.0-draft", "0.17.4"})
    void readsAnyMinorAndPatchVersionOfMajorZero(String version) {
        IngestItem item = CloudEventItems.toItem(event(withType(cdevent("service_deployed"),
                "dev.cdevents.service.deployed." + version)));

        assertThat(item.type()).isEqualTo("change.reported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "2.3.1", "10.0.0"})
    void refusesAnotherMajorVersion(String version) {
        assertThatThrownBy(() -> CloudEventItems.toItem(event(withType(cdevent("service_deployed"),
                "dev.cdevents.service.deployed." + version))))
                .hasMessage("CDEvents type dev.cdevents.service.deployed." + version + " has major version "
                        + version.substring(0, version.indexOf('.')) + "; the ledger reads major version 0 of"
                        + " service.deployed (CDEvents v0.4.1), any minor and patch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.cdevents.service.deployed", "dev.cdevents.service.deployed.0.2",
            "dev.cdevents.Service.deployed.0.2.0", "dev.cdevents.service.deployed.00.2.0"})
    void refusesATypeThatIsNoCdEventsType(String type) {
        assertThatThrownBy(() -> CloudEventItems.toItem(event(withType(cdevent("service_deployed"), type))))
                .hasMessage("'" + type + "' is not a CDEvents type: expected"
                        + " dev.cdevents.<subject>.<predicate>.<major>.<minor>.<patch>");
    }

    @Test
    void refusesACdEventWhoseContextTypeIsNotTheCloudEventType() {
        ObjectNode envelope = CloudEventFixtures.structured(cdevent("service_deployed"), Map.of())
                .put("type", "dev.cdevents.service.upgraded.0.2.0");

        assertThatThrownBy(() -> CloudEventItems.toItem(JsonFormat.event(envelope)))
                .hasMessage("the CloudEvent's type dev.cdevents.service.upgraded.0.2.0 and its CDEvent's context.type"
                        + " dev.cdevents.service.deployed.0.2.0 differ");
    }

    @Test
    void refusesADeploymentWithoutEnvironment() {
        ObjectNode deployed = cdevent("service_deployed");
        content(deployed).remove("environment");

        assertThatThrownBy(() -> CloudEventItems.toItem(event(deployed)))
                .hasMessage("data.subject.content.environment.id is required: the ledger records a change in an"
                        + " environment");
    }

    @Test
    void refusesADeploymentWithoutArtifactOrVersion() {
        ObjectNode deployed = cdevent("service_deployed");
        content(deployed).remove("artifactId");
        assertThatThrownBy(() -> CloudEventItems.toItem(event(deployed)))
                .hasMessage("data.subject.content.artifactId is required: the ledger records the version deployed");

        content(deployed).put("artifactId", "pkg:oci/myapp");
        assertThatThrownBy(() -> CloudEventItems.toItem(event(deployed)))
                .hasMessage("data.subject.content.artifactId 'pkg:oci/myapp' has no version"
                        + " (pkg:type/name@version), and the ledger records the version");

        content(deployed).put("artifactId", "myapp:1.2.3");
        assertThatThrownBy(() -> CloudEventItems.toItem(event(deployed)))
                .hasMessage("data.subject.content.artifactId 'myapp:1.2.3' is not a package URL"
                        + " (pkg:type/namespace/name@version): it does not start with pkg:");
    }

    @Test
    void refusesACdEventWithoutTimestamp() {
        ObjectNode deployed = cdevent("service_deployed");
        ((ObjectNode) deployed.get("context")).remove("timestamp");

        assertThatThrownBy(() -> CloudEventItems.toItem(event(deployed)))
                .hasMessage("data.context.timestamp is required");
    }

    @Test
    void refusesAFieldOfTheWrongJsonType() {
        ObjectNode deployed = cdevent("service_deployed");
        content(deployed).put("environment", "test123");

        assertThatThrownBy(() -> CloudEventItems.toItem(event(deployed)))
                .hasMessage("data.subject.content.environment must be a JSON object, not string");
    }

    @Test
    void refusesACdEventThatIsNotJsonData() {
        CloudEvent xml = HttpCloudEvents.single(CloudEventFixtures.headers("ce-specversion", "1.0", "ce-id", "1",
                "ce-source", "/s", "ce-type", "dev.cdevents.service.deployed.0.2.0", "Content-Type", "application/xml"),
                "<cdevent/>".getBytes());

        assertThatThrownBy(() -> CloudEventItems.toItem(xml))
                .hasMessage("datacontenttype application/xml is not JSON, and a CDEvent is JSON (application/json)");
    }

    @Test
    void readsACdEventInBinaryModeAsInStructuredMode() {
        ObjectNode cdevent = cdevent("service_deployed");
        CloudEvent binary = HttpCloudEvents.single(CloudEventFixtures.headers("ce-specversion", "1.0",
                "ce-id", "271069a8-fc18-44f1-b38f-9d70a1695819", "ce-source", "%2Fevent%2Fsource%2F123",
                "ce-type", "dev.cdevents.service.deployed.0.2.0", "Content-Type", "application/json"),
                CloudEventFixtures.bytes(cdevent));

        assertThat(CloudEventItems.toItem(binary)).isEqualTo(CloudEventItems.toItem(event(cdevent)));
    }

    private static ChangeRequests.ReportChange report(IngestItem item) {
        ChangeRequests.ReportChange report = STRICT.treeToValue(item.data(), ChangeRequests.ReportChange.class);
        assertThat(validator.validate(report)).isEmpty();
        return report;
    }

    private static void assertEvidenceShape(IngestItem item) {
        assertThat(item.data().propertyNames()).isSubsetOf(EVIDENCE_ATTACHED).contains("evidence", "attachedBy");
        assertThat(item.data().has("changeId") || item.data().has("correlationKey")).isTrue();
        EvidenceLink link = STRICT.treeToValue(item.data().get("evidence"), EvidenceLink.class);
        assertThat(link.url()).isNotBlank();
        assertThat(Instant.parse(item.data().get("occurredAt").asString())).isNotNull();
    }

    private static ObjectNode content(JsonNode cdevent) {
        return (ObjectNode) cdevent.get("subject").get("content");
    }

    private static ObjectNode withType(ObjectNode cdevent, String type) {
        ((ObjectNode) cdevent.get("context")).put("type", type);
        return cdevent;
    }
}
