package io.changeledger.command.ingest.webhook;

import io.changeledger.events.change.ChangeOutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * HCP Terraform and Terraform Enterprise run notifications (generic webhook, payload version 1) as changes, read
 * field for field as HashiCorp documents the payload. A run that applied is a configuration change of its
 * workspace, whose revision is the run; a run that errored or was canceled is a failed one.
 * <p>
 * HCP Terraform names the trigger of a successful apply {@code run:completed} with run status {@code applied}; a
 * run that completed without applying (a plan with no changes, a plan-only run) changed nothing and is ignored.
 * A run nobody triggered by hand (an auto-applied VCS push) may name no user; its actor is then the workspace
 * itself, {@code terraform:<organization>/<workspace>}, rather than a change going unrecorded.
 */
final class TerraformNotifications {

    static final String VERIFICATION = "verification";
    static final String COMPLETED = "run:completed";
    static final String ERRORED = "run:errored";

    private TerraformNotifications() {
    }

    /**
     * @param index          the notification's position in the payload's {@code notifications}, from 0
     * @param idempotencyKey the run and the trigger: a run reaches each trigger once
     */
    record Notification(int index, String trigger, String idempotencyKey, Translation translation) {
    }

    /** The payload's version when it is not the run notification's, whose fields the ledger reads. */
    static String otherVersion(Payload payload) {
        String version = payload.required("payload_version");
        return version.equals("1") ? null : version;
    }

    /** Whether the delivery is the test HCP Terraform sends when a notification is saved or verified. */
    static boolean verification(Payload payload) {
        return payload.objects("notifications").stream()
                .allMatch(notification -> VERIFICATION.equals(notification.text("trigger")));
    }

    /** @param environment the environment the workspace manages, which the payload does not say */
    static List<Notification> translate(Payload payload, String environment) {
        List<Payload> notifications = payload.objects("notifications");
        List<Notification> translated = new ArrayList<>(notifications.size());
        for (int i = 0; i < notifications.size(); i++) {
            Payload notification = notifications.get(i);
            String trigger = notification.required("trigger");
            translated.add(new Notification(i, trigger, payload.required("run_id") + " " + trigger,
                    translate(payload, notification, trigger, environment)));
        }
        return translated;
    }

    private static Translation translate(Payload payload, Payload notification, String trigger,
                                         String environment) {
        String status = notification.text("run_status");
        ChangeOutcome outcome;
        if (trigger.equals(COMPLETED) && "applied".equals(status)) {
            outcome = ChangeOutcome.COMPLETED;
        } else if (trigger.equals(COMPLETED)) {
            return Translation.ignored("the run completed as '" + Reported.clip(String.valueOf(status), 100)
                    + "' without applying, so it changed nothing");
        } else if (trigger.equals(ERRORED)) {
            outcome = ChangeOutcome.FAILED;
        } else if (trigger.equals(VERIFICATION)) {
            return Translation.ignored("a verification records nothing");
        } else {
            return Translation.ignored("trigger '" + Reported.clip(trigger, 100) + "' is not recorded; the ledger"
                    + " records " + COMPLETED + " (applied) and " + ERRORED);
        }
        String workspace = payload.required("workspace_name");
        String item = "terraform:" + payload.required("organization_name") + "/" + workspace;
        String actor = notification.text("run_updated_by") != null ? notification.text("run_updated_by")
                : payload.text("run_created_by") != null ? payload.text("run_created_by") : item;
        boolean canceled = "canceled".equals(status) || "force_canceled".equals(status);
        return Translation.report(Reported.configuration(item, payload.required("run_id"),
                        payload.text("run_message"), workspace, environment, actor, outcome,
                        notification.instant("run_updated_at"))
                .ciRun(payload.text("run_url"), notification.text("message"))
                .attribute("canceled", canceled ? "true" : null)
                .attribute("terraform.runStatus", status)
                .attribute("terraform.workspaceId", payload.text("workspace_id"))
                .attribute("terraform.notificationConfigurationId",
                        payload.text("notification_configuration_id")));
    }
}
