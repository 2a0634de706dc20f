package io.changeledger.command.ingest.webhook;

import io.changeledger.events.change.ChangeOutcome;
import tools.jackson.databind.JsonNode;

import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's deployment events ({@code X-Gitlab-Event: Deployment Hook}) as changes, read field for field as GitLab
 * documents the payload. A deployment's running and finished events report the same service, environment and
 * version, the ledger's default correlation key, so they land on one change, and on a planned change for that
 * version when there is one.
 * <p>
 * The service is the project's {@code name}, as a GitHub repository's name is, so that a service is called the
 * same whichever tool reports it; the full {@code path_with_namespace}, which tells apart projects of the same
 * name in different groups, is kept as the attribute {@code gitlab.project}.
 */
final class GitLabDeployments {

    static final String EVENT = "Deployment Hook";

    /** {@code 2021-04-28 21:50:00 +0200}, as documented; some instances name the zone ({@code UTC}) instead. */
    private static final DateTimeFormatter STATUS_CHANGED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss [xx][z]");
    /** The full commit id ends the commit URL; SHA-1 or, in a SHA-256 repository, SHA-256. */
    private static final Pattern FULL_SHA = Pattern.compile("/([0-9a-f]{40}|[0-9a-f]{64})$");

    private GitLabDeployments() {
    }

    static Translation translate(JsonNode body) {
        Payload payload = Payload.of(body);
        String kind = payload.required("object_kind");
        if (!kind.equals("deployment")) {
            throw new InvalidPayloadException("object_kind", "must be deployment in a " + EVENT + ", not '"
                    + Reported.clip(kind, 100) + "'");
        }
        String status = payload.required("status");
        ChangeOutcome outcome = switch (status) {
            case "running" -> ChangeOutcome.STARTED;
            case "success" -> ChangeOutcome.COMPLETED;
            case "failed", "canceled" -> ChangeOutcome.FAILED;
            default -> null;
        };
        if (outcome == null) {
            return Translation.ignored(status.equals("created")
                    ? "status created only says a deployment was set up; it is recorded once it runs"
                    : "deployment status '" + Reported.clip(status, 100) + "' is not one the ledger maps");
        }
        return Translation.report(Reported.deployment(version(payload), payload.required("project.name"),
                        payload.required("environment"), payload.required("user.username"), outcome,
                        payload.instant("status_changed_at", STATUS_CHANGED_AT, "a time such as"
                                + " 2021-04-28 21:50:00 +0200"))
                .ciRun(payload.text("deployable_url"), null)
                .attribute("canceled", status.equals("canceled") ? "true" : null)
                .attribute("gitlab.deploymentId", payload.text("deployment_id"))
                .attribute("gitlab.project", payload.text("project.path_with_namespace"))
                .attribute("gitlab.ref", payload.text("ref")));
    }

    /**
     * The key a redelivery repeats: the event's UUID, narrowed to the deployment and its status, since GitLab
     * gives webhooks that one event set off in a chain the same UUID.
     */
    static String idempotencyKey(String eventUuid, JsonNode body) {
        Payload payload = Payload.of(body);
        String deployment = payload.text("deployment_id");
        return eventUuid + " deployment " + (deployment != null ? deployment : payload.text("short_sha")) + " "
                + payload.text("status");
    }

    private static String version(Payload payload) {
        String commitUrl = payload.text("commit_url");
        if (commitUrl != null) {
            Matcher sha = FULL_SHA.matcher(commitUrl);
            if (sha.find()) {
                return sha.group(1);
            }
        }
        return payload.required("short_sha");
    }
}
