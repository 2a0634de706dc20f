package io.changeledger.command.ingest.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.changeledger.command.ingest.webhook.WebhookFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GitHub's deployment and deployment_status payloads, as GitHub documents them, read as change reports. */
class GitHubDeploymentsTest {

    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    @Test
    void readsACreatedDeploymentAsAStartedDeploymentOfTheRepositoryAtItsCommit() {
        JsonNode report = GitHubDeployments.translate("deployment", DELIVERY, payload("github/deployment.json"))
                .report();

        assertThat(report.get("details").get("kind").asString()).isEqualTo("DEPLOYMENT");
        assertThat(report.get("details").get("version").asString())
                .isEqualTo("9c1f0e4b7d2a6e8f3b5c0d1a2e3f4b5c6d7e8f90");
        assertThat(report.get("service").asString()).isEqualTo("payments-api");
        assertThat(report.get("environment").asString()).isEqualTo("production");
        assertThat(report.get("actor").asString()).isEqualTo("jdoe");
        assertThat(report.get("outcome").asString()).isEqualTo("STARTED");
        assertThat(report.get("occurredAt").asString()).isEqualTo("2025-03-04T10:15:30Z");
        assertThat(report.has("evidence")).isFalse();
        assertThat(report.has("sourceSystem")).isFalse();
        assertThat(report.get("attributes").properties()).extracting(entry -> entry.getKey() + "="
                + entry.getValue().asString()).containsExactly("github.delivery=" + DELIVERY,
                "github.deploymentId=1873002214", "github.repository=acme-corp/payments-api", "github.ref=main");
    }

    @Test
    void readsASuccessfulStatusAsACompletedDeploymentWithItsLogAsEvidence() {
        JsonNode report = GitHubDeployments.translate("deployment_status", DELIVERY,
                payload("github/deployment_status.json")).report();

        assertThat(report.get("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("actor").asString()).isEqualTo("deploy-bot");
        assertThat(report.get("occurredAt").asString()).isEqualTo("2025-03-04T10:17:02Z");
        assertThat(report.get("details").get("version").asString())
                .isEqualTo("9c1f0e4b7d2a6e8f3b5c0d1a2e3f4b5c6d7e8f90");
        JsonNode evidence = report.get("evidence").get(0);
        assertThat(evidence.get("type").asString()).isEqualTo("CI_RUN");
        assertThat(evidence.get("url").asString())
                .isEqualTo("https://github.com/acme-corp/payments-api/actions/runs/13650217853/job/38157224012");
        assertThat(evidence.get("description").asString()).isEqualTo("Rolled out to 12 of 12 pods");
    }

    @ParameterizedTest
    @CsvSource({"queued,STARTED", "pending,STARTED", "in_progress,STARTED", "success,COMPLETED",
            "failure,FAILED", "error,FAILED"})
    void mapsEachStateThatChangesSomethingToAnOutcome(String state, String outcome) {
        ObjectNode status = payload("github/deployment_status.json");
        ((ObjectNode) status.get("deployment_status")).put("state", state);

        assertThat(GitHubDeployments.translate("deployment_status", DELIVERY, status).report().get("outcome")
                .asString()).isEqualTo(outcome);
    }

    @Test
    void ignoresAnInactiveStatusForItOnlySaysALaterDeploymentReplacedThisOne() {
        ObjectNode status = payload("github/deployment_status.json");
        ((ObjectNode) status.get("deployment_status")).put("state", "inactive");

        Translation translation = GitHubDeployments.translate("deployment_status", DELIVERY, status);

        assertThat(translation.recorded()).isFalse();
        assertThat(translation.ignored()).startsWith("state inactive only says a later deployment");
    }

    @Test
    void takesTheLogUrlOverTheTargetUrlAndTheTargetUrlWhenThereIsNoLogUrl() {
        ObjectNode status = payload("github/deployment_status.json");
        ObjectNode deploymentStatus = (ObjectNode) status.get("deployment_status");
        deploymentStatus.put("target_url", "https://ci.acme.example/legacy/1");
        assertThat(GitHubDeployments.translate("deployment_status", DELIVERY, status).report()
                .get("evidence").get(0).get("url").asString()).contains("/actions/runs/13650217853/");

        deploymentStatus.put("log_url", "");
        assertThat(GitHubDeployments.translate("deployment_status", DELIVERY, status).report()
                .get("evidence").get(0).get("url").asString()).isEqualTo("https://ci.acme.example/legacy/1");

        deploymentStatus.put("target_url", "");
        assertThat(GitHubDeployments.translate("deployment_status", DELIVERY, status).report().has("evidence"))
                .isFalse();
    }

    @Test
    void takesTheServiceAndVersionFromTheDeploymentsOwnPayloadAsObjectOrText() {
        ObjectNode deployment = payload("github/deployment.json");
        ((ObjectNode) deployment.get("deployment")).putObject("payload").put("service", "payments-worker")
                .put("version", "2025.03.1");
        JsonNode fromObject = GitHubDeployments.translate("deployment", DELIVERY, deployment).report();

        ((ObjectNode) deployment.get("deployment")).put("payload", "{\"service\":\"ledger-ui\"}");
        JsonNode fromText = GitHubDeployments.translate("deployment", DELIVERY, deployment).report();

        assertThat(fromObject.get("service").asString()).isEqualTo("payments-worker");
        assertThat(fromObject.get("details").get("version").asString()).isEqualTo("2025.03.1");
        assertThat(fromText.get("service").asString()).isEqualTo("ledger-ui");
        assertThat(fromText.get("details").get("version").asString())
                .isEqualTo("9c1f0e4b7d2a6e8f3b5c0d1a2e3f4b5c6d7e8f90");
    }

    @Test
    void attributesADeploymentWhoseCreatorIsGoneToTheSender() {
        ObjectNode deployment = payload("github/deployment.json");
        ((ObjectNode) deployment.get("deployment")).putNull("creator");
        ((ObjectNode) deployment.get("sender")).put("login", "release-train");

        assertThat(GitHubDeployments.translate("deployment", DELIVERY, deployment).report().get("actor").asString())
                .isEqualTo("release-train");
    }

    @Test
    void ignoresEventsAndActionsItDoesNotRecord() {
        assertThat(GitHubDeployments.translate("push", DELIVERY, payload("github/deployment.json")).ignored())
                .isEqualTo("GitHub event 'push' is not recorded; the ledger records deployment and"
                        + " deployment_status");
        ObjectNode edited = payload("github/deployment.json").put("action", "edited");
        assertThat(GitHubDeployments.translate("deployment", DELIVERY, edited).ignored())
                .isEqualTo("GitHub event deployment with action 'edited' is not recorded; only action created is");
    }

    @Test
    void namesTheFieldADeploymentLacks() {
        ObjectNode deployment = payload("github/deployment.json");
        ((ObjectNode) deployment.get("deployment")).remove("environment");

        assertThatThrownBy(() -> GitHubDeployments.translate("deployment", DELIVERY, deployment))
                .isInstanceOf(InvalidPayloadException.class).hasMessage("deployment.environment is required");
        assertThatThrownBy(() -> GitHubDeployments.translate("deployment_status", DELIVERY,
                payload("github/deployment_status.json").put("deployment_status", "success")))
                .hasMessage("deployment_status must be an object");
        ObjectNode badTime = payload("github/deployment.json");
        ((ObjectNode) badTime.get("deployment")).put("created_at", "yesterday");
        assertThatThrownBy(() -> GitHubDeployments.translate("deployment", DELIVERY, badTime))
                .hasMessage("deployment.created_at must be an ISO-8601 time such as 2019-05-15T15:20:53Z, not"
                        + " 'yesterday'");
    }
}
