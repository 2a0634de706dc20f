package io.changeledger.command.ingest.webhook;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static io.changeledger.command.ingest.webhook.WebhookFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HCP Terraform's run notification payload (version 1), as HashiCorp documents it, read as change reports. */
class TerraformNotificationsTest {

    @Test
    void readsAnAppliedRunAsACompletedConfigurationChangeOfItsWorkspace() {
        List<TerraformNotifications.Notification> notifications = TerraformNotifications.translate(
                Payload.of(payload("terraform/run_completed.json")), "production");

        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).idempotencyKey()).isEqualTo("run-Qm3vXo8kT1LzR5aB run:completed");
        JsonNode report = notifications.get(0).translation().report();
        assertThat(report.get("details").get("kind").asString()).isEqualTo("CONFIGURATION_CHANGE");
        assertThat(report.get("details").get("item").asString()).isEqualTo("terraform:acme/network-prod");
        assertThat(report.get("details").get("toRevision").asString()).isEqualTo("run-Qm3vXo8kT1LzR5aB");
        assertThat(report.get("details").get("description").asString())
                .isEqualTo("Open port 8443 on the ingress load balancer");
        assertThat(report.get("service").asString()).isEqualTo("network-prod");
        assertThat(report.get("environment").asString()).isEqualTo("production");
        assertThat(report.get("actor").asString()).isEqualTo("grace");
        assertThat(report.get("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("occurredAt").asString()).isEqualTo("2025-03-04T12:06:44Z");
        assertThat(report.get("evidence").get(0).get("url").asString())
                .isEqualTo("https://app.terraform.io/app/acme/workspaces/network-prod/runs/run-Qm3vXo8kT1LzR5aB");
        assertThat(report.get("attributes").get("terraform.runStatus").asString()).isEqualTo("applied");
    }

    @Test
    void readsAnErroredOrCanceledRunAsAFailedChange() {
        ObjectNode canceled = notified("run:errored", "canceled");
        ObjectNode errored = notified("run:errored", "errored");

        JsonNode canceledReport = TerraformNotifications.translate(Payload.of(canceled), "production").get(0)
                .translation().report();
        JsonNode erroredReport = TerraformNotifications.translate(Payload.of(errored), "production").get(0)
                .translation().report();

        assertThat(canceledReport.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(canceledReport.get("attributes").get("canceled").asString()).isEqualTo("true");
        assertThat(erroredReport.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(erroredReport.get("attributes").has("canceled")).isFalse();
    }

    @Test
    void ignoresARunThatCompletedWithoutApplyingAndTriggersOtherThanTheEnd() {
        assertThat(TerraformNotifications.translate(Payload.of(notified("run:completed", "planned_and_finished")),
                "production").get(0).translation().ignored()).isEqualTo("the run completed as"
                + " 'planned_and_finished' without applying, so it changed nothing");
        assertThat(TerraformNotifications.translate(Payload.of(notified("run:planning", "planning")),
                "production").get(0).translation().ignored()).isEqualTo("trigger 'run:planning' is not recorded;"
                + " the ledger records run:completed (applied) and run:errored");
    }

    @Test
    void attributesARunNobodyStartedByHandToItsWorkspace() {
        ObjectNode automatic = payload("terraform/run_completed.json");
        automatic.putNull("run_created_by");
        ((ObjectNode) automatic.get("notifications").get(0)).putNull("run_updated_by");

        assertThat(TerraformNotifications.translate(Payload.of(automatic), "production").get(0).translation()
                .report().get("actor").asString()).isEqualTo("terraform:acme/network-prod");
    }

    @Test
    void recognisesTheVerificationAndAPayloadOfAnotherVersion() {
        assertThat(TerraformNotifications.verification(Payload.of(payload("terraform/verification.json"))))
                .isTrue();
        assertThat(TerraformNotifications.verification(Payload.of(payload("terraform/run_completed.json"))))
                .isFalse();
        assertThat(TerraformNotifications.otherVersion(Payload.of(payload("terraform/run_completed.json")
                .put("payload_version", 2)))).isEqualTo("2");
    }

    @Test
    void namesTheFieldANotificationLacks() {
        ObjectNode noRun = payload("terraform/run_completed.json");
        noRun.putNull("run_id");
        assertThatThrownBy(() -> TerraformNotifications.translate(Payload.of(noRun), "production"))
                .isInstanceOf(InvalidPayloadException.class).hasMessage("run_id is required");
        ObjectNode noTrigger = payload("terraform/run_completed.json");
        ((ObjectNode) noTrigger.get("notifications").get(0)).remove("trigger");
        assertThatThrownBy(() -> TerraformNotifications.translate(Payload.of(noTrigger), "production"))
                .hasMessage("notifications[0].trigger is required");
        ObjectNode none = payload("terraform/run_completed.json");
        none.putArray("notifications");
        assertThatThrownBy(() -> TerraformNotifications.translate(Payload.of(none), "production"))
                .hasMessage("notifications must not be empty");
    }

    private static ObjectNode notified(String trigger, String status) {
        ObjectNode payload = payload("terraform/run_completed.json");
        ((ObjectNode) payload.get("notifications").get(0)).put("trigger", trigger).put("run_status", status);
        return payload;
    }
}
