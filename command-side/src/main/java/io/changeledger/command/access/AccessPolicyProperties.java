package io.changeledger.command.access;

import io.changeledger.events.access.AccessPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The access policy. Each grant carries the {@link AccessPolicy} in force when it entered the ledger.
 *
 * @param requiredApprovals     approvals by others before a requested grant may be granted
 * @param privilegedApprovals   approvals a privileged grant needs (at least requiredApprovals)
 * @param maxDuration           the longest window of a requested grant
 * @param breakGlassMaxDuration the longest window of break-glass access
 * @param reviewDeadline        how long the mandatory review of break-glass access may take (the same deadline
 *                              as the retrospective review of an emergency change, by default)
 * @param reviewInterval        how often standing privileged access must be certified by an access review
 * @param privilegedRoles       roles that are privileged whatever the request says (compared ignoring case)
 * @param checkInterval         how often the ledger looks for grants to expire and deadlines that passed
 */
@ConfigurationProperties("changeledger.access")
record AccessPolicyProperties(
        @DefaultValue("1") int requiredApprovals,
        @DefaultValue("2") int privilegedApprovals,
        @DefaultValue("8h") Duration maxDuration,
        @DefaultValue("4h") Duration breakGlassMaxDuration,
        @DefaultValue("72h") Duration reviewDeadline,
        @DefaultValue("90d") Duration reviewInterval,
        @DefaultValue({"admin", "root", "owner", "superuser", "dba", "cluster-admin"}) Set<String> privilegedRoles,
        @DefaultValue("30s") Duration checkInterval) {

    AccessPolicyProperties {
        privilegedRoles = privilegedRoles.stream().map(role -> role.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    AccessPolicy policy(boolean privileged) {
        return new AccessPolicy(privileged ? Math.max(requiredApprovals, privilegedApprovals) : requiredApprovals,
                maxDuration, breakGlassMaxDuration, reviewDeadline, reviewInterval);
    }

    boolean privileged(String role, Boolean flagged) {
        return Boolean.TRUE.equals(flagged) || role != null && privilegedRoles.contains(role.toLowerCase(Locale.ROOT));
    }
}
