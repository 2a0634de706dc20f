package io.changeledger.command.ingest.webhook;

import io.changeledger.events.change.ChangeOutcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * GitHub's {@code deployment} and {@code deployment_status} webhook events as changes, read field for field as
 * GitHub documents the payloads. A deployment and its statuses land on one change: they report the same service,
 * environment and version, which is the ledger's default correlation key, so a planned change for that version
 * is found as well.
 * <p>
 * The service and version are the deployment's own {@code payload.service} and {@code payload.version} when the
 * tool that created the deployment set them (a monorepo deploys several services, a release has a version other
 * than its commit), else the repository's name and the deployed commit.
 */
final class GitHubDeployments {

    static final String DEPLOYMENT = "deployment";
    static final String DEPLOYMENT_STATUS = "deployment_status";

    private static final JsonMapper PAYLOAD_TEXT = JsonMapper.shared();

    private GitHubDeployments() {
    }

    /**
     * @param event    the {@code X-GitHub-Event} header
     * @param delivery the {@code X-GitHub-Delivery} header
     */
    static Translation translate(String event, String delivery, JsonNode body) {
        Payload payload = Payload.of(body);
        return switch (event) {
            case DEPLOYMENT -> deployment(delivery, payload);
            case DEPLOYMENT_STATUS -> deploymentStatus(delivery, payload);
            default -> Translation.ignored("GitHub event '" + Reported.clip(event, 100) + "' is not recorded; the"
                    + " ledger records deployment and deployment_status");
        };
    }

    private static Translation deployment(String delivery, Payload payload) {
        if (!"created".equals(payload.text("action"))) {
            return ignoredAction(DEPLOYMENT, payload);
        }
        Payload deployment = payload.object("deployment");
        return Translation.report(report(delivery, payload, deployment, ChangeOutcome.STARTED,
                actor(deployment, payload), deployment.instant("created_at")));
    }

    private static Translation deploymentStatus(String delivery, Payload payload) {
        if (!"created".equals(payload.text("action"))) {
            return ignoredAction(DEPLOYMENT_STATUS, payload);
        }
        Payload status = payload.object("deployment_status");
        String state = status.required("state");
        ChangeOutcome outcome = switch (state) {
            case "queued", "pending", "in_progress" -> ChangeOutcome.STARTED;
            case "success" -> ChangeOutcome.COMPLETED;
            case "failure", "error" -> ChangeOutcome.FAILED;
            default -> null;
        };
        if (outcome == null) {
            return Translation.ignored("inactive".equals(state)
                    ? "state inactive only says a later deployment to the environment replaced this one; it"
                    + " changes nothing"
                    : "deployment status state '" + Reported.clip(state, 100) + "' is not one the ledger maps");
        }
        Payload deployment = payload.object("deployment");
        String logs = status.text("log_url") != null ? status.text("log_url") : status.text("target_url");
        return Translation.report(report(delivery, payload, deployment, outcome, actor(status, payload),
                status.instant("created_at"))
                .ciRun(logs, status.text("description")));
    }

    private static Reported report(String delivery, Payload payload, Payload deployment, ChangeOutcome outcome,
                                   String actor, Instant occurredAt) {
        JsonNode own = ownPayload(deployment);
        String service = text(own, "service");
        String version = text(own, "version");
        return Reported.deployment(version != null ? version : deployment.required("sha"),
                        service != null ? service : payload.required("repository.name"),
                        deployment.required("environment"), actor, outcome, occurredAt)
                .attribute("github.delivery", delivery)
                .attribute("github.deploymentId", deployment.required("id"))
                .attribute("github.repository", payload.text("repository.full_name"))
                .attribute("github.ref", deployment.text("ref"));
    }

    /** Whoever created the deployment or status; GitHub leaves the creator out for a deleted account. */
    private static String actor(Payload created, Payload payload) {
        String creator = created.text("creator.login");
        return creator != null ? creator : payload.required("sender.login");
    }

    /**
     * The free-form {@code payload} the deployment was created with: an object, or (as many tools send it) the
     * text of one. Anything else carries nothing the ledger reads.
     */
    private static JsonNode ownPayload(Payload deployment) {
        JsonNode own = deployment.node("payload");
        if (own.isString() && !own.stringValue().isBlank()) {
            try {
                own = PAYLOAD_TEXT.readTree(own.stringValue());
            } catch (JacksonException e) {
                return null;
            }
        }
        return own != null && own.isObject() ? own : null;
    }

    private static String text(JsonNode own, String field) {
        if (own == null) {
            return null;
        }
        JsonNode value = own.path(field);
        return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
    }

    private static Translation ignoredAction(String event, Payload payload) {
        String action = payload.text("action");
        return Translation.ignored("GitHub event " + event + " with action '" + Reported.clip(String.valueOf(action),
                100) + "' is not recorded; only action created is");
    }
}
