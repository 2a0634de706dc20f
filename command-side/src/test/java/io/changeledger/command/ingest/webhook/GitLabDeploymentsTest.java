package io.changeledger.command.ingest.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.changeledger.command.ingest.webhook.WebhookFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GitLab's deployment event payload, as GitLab documents it, read as change reports. */
class GitLabDeploymentsTest {

    @Test
    void readsASuccessfulDeploymentAsACompletedDeploymentOfTheProjectAtItsFullCommit() {
        JsonNode report = GitLabDeployments.translate(payload("gitlab/deployment.json")).report();

        assertThat(report.get("details").get("kind").asString()).isEqualTo("DEPLOYMENT");
        assertThat(report.get("details").get("version").asString())
                .isEqualTo("4be9d1c2a07f5e3b8c6d9a1e2f3b4c5d6e7f8a90");
        assertThat(report.get("service").asString()).isEqualTo("billing-service");
        assertThat(report.get("environment").asString()).isEqualTo("production");
        assertThat(report.get("actor").asString()).isEqualTo("ada");
        assertThat(report.get("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("occurredAt").asString()).isEqualTo("2025-03-04T10:42:17Z");
        assertThat(report.get("evidence").get(0).get("type").asString()).isEqualTo("CI_RUN");
        assertThat(report.get("evidence").get(0).get("url").asString())
                .isEqualTo("https://gitlab.acme.example/platform/billing-service/-/jobs/96302");
        assertThat(report.get("attributes").properties()).extracting(entry -> entry.getKey() + "="
                + entry.getValue().asString()).containsExactly("gitlab.deploymentId=4417",
                "gitlab.project=platform/billing-service");
    }

    @ParameterizedTest
    @CsvSource({"running,STARTED", "success,COMPLETED", "failed,FAILED", "canceled,FAILED"})
    void mapsEachStatusThatChangesSomethingToAnOutcome(String status, String outcome) {
        JsonNode report = GitLabDeployments.translate(payload("gitlab/deployment.json").put("status", status))
                .report();

        assertThat(report.get("outcome").asString()).isEqualTo(outcome);
        assertThat(report.get("attributes").has("canceled")).isEqualTo(status.equals("canceled"));
    }

    @Test
    void ignoresACreatedDeploymentUntilItRuns() {
        Translation translation = GitLabDeployments.translate(payload("gitlab/deployment.json")
                .put("status", "created"));

        assertThat(translation.recorded()).isFalse();
        assertThat(translation.ignored()).isEqualTo("status created only says a deployment was set up; it is"
                + " recorded once it runs");
    }

    @Test
    void fallsBackToTheShortShaWithoutACommitUrlAndToNoEvidenceForADeploymentMadeByApi() {
        ObjectNode deployment = payload("gitlab/deployment.json");
        deployment.putNull("commit_url");
        deployment.putNull("deployable_url");

        JsonNode report = GitLabDeployments.translate(deployment).report();

        assertThat(report.get("details").get("version").asString()).isEqualTo("4be9d1c2");
        assertThat(report.has("evidence")).isFalse();
    }

    @Test
    void readsTheStatusTimeWithANamedZoneAsWell() {
        JsonNode report = GitLabDeployments.translate(payload("gitlab/deployment.json")
                .put("status_changed_at", "2025-03-04 10:42:17 UTC")).report();

        assertThat(report.get("occurredAt").asString()).isEqualTo("2025-03-04T10:42:17Z");
    }

    @Test
    void keysARedeliveryByTheEventUuidTheDeploymentAndItsStatus() {
        ObjectNode deployment = payload("gitlab/deployment.json");

        assertThat(GitLabDeployments.idempotencyKey("2b4c9f0e-9e1a-4f5e-8d2c-3a7b6c5d4e3f", deployment))
                .isEqualTo("2b4c9f0e-9e1a-4f5e-8d2c-3a7b6c5d4e3f deployment 4417 success");
    }

    @Test
    void namesTheFieldADeploymentLacksOrHasInAnotherShape() {
        ObjectNode noUser = payload("gitlab/deployment.json");
        noUser.remove("user");
        assertThatThrownBy(() -> GitLabDeployments.translate(noUser)).isInstanceOf(InvalidPayloadException.class)
                .hasMessage("user.username is required");
        assertThatThrownBy(() -> GitLabDeployments.translate(payload("gitlab/deployment.json")
                .put("object_kind", "build"))).hasMessage("object_kind must be deployment in a Deployment Hook,"
                + " not 'build'");
        assertThatThrownBy(() -> GitLabDeployments.translate(payload("gitlab/deployment.json")
                .put("status_changed_at", "2025-03-04T10:42:17Z")))
                .hasMessage("status_changed_at must be a time such as 2021-04-28 21:50:00 +0200, not"
                        + " '2025-03-04T10:42:17Z'");
    }
}
