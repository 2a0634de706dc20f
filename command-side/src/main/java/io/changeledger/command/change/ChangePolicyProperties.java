package io.changeledger.command.change;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change policy: which environments are production or staging, and the rules per environment.
 *
 * @param reviewDeadline      how long after an emergency change its retrospective review may take
 * @param reviewCheckInterval how often the ledger looks for reviews that passed their deadline
 * @param correlationWindow   how long after a change was reported another tool's report of it (same
 *                            correlation key) still lands on it rather than becoming a change of its own
 * @param production          the rules for every production environment without its own entry
 * @param other               the rules for every other environment without its own entry
 * @param environments        rules for named environments, overriding the two above
 */
@ConfigurationProperties("changeledger.policy")
public record ChangePolicyProperties(
        @DefaultValue({"production", "prod"}) Set<String> productionEnvironments,
        @DefaultValue({"staging", "stage", "preprod", "pre-production"}) List<String> stagingEnvironments,
        @DefaultValue("72h") Duration reviewDeadline,
        @DefaultValue("30s") Duration reviewCheckInterval,
        @DefaultValue("1h") Duration correlationWindow,
        @DefaultValue Rules production,
        @DefaultValue Rules other,
        Map<String, Rules> environments) {

    public ChangePolicyProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    /**
     * @param requiredApprovals     approvals a change needs before it starts
     * @param highRiskApprovals     approvals a high- or critical-risk change needs (at least requiredApprovals)
     * @param segregationOfDuties   whether requester, approver and deployer must be different people
     * @param stagingRequired       whether a version must have been deployed to staging first
     */
    public record Rules(@DefaultValue("0") int requiredApprovals, @DefaultValue("0") int highRiskApprovals,
                        @DefaultValue("false") boolean segregationOfDuties,
                        @DefaultValue("false") boolean stagingRequired) {
    }
}
