package io.changeledger.command.change;

import io.changeledger.events.change.ControlPolicy;
import io.changeledger.events.change.RiskLevel;
import org.springframework.stereotype.Component;

/** Turns the configured policy into the {@link ControlPolicy} a change carries for its whole life. */
@Component
public class ChangePolicies {

    private final ChangePolicyProperties properties;

    public ChangePolicies(ChangePolicyProperties properties) {
        this.properties = properties;
    }

    public ControlPolicy policyFor(String environment, RiskLevel risk) {
        boolean production = properties.productionEnvironments().contains(environment);
        ChangePolicyProperties.Rules rules = properties.environments().getOrDefault(environment,
                production ? properties.production() : properties.other());
        int approvals = risk == RiskLevel.HIGH || risk == RiskLevel.CRITICAL
                ? Math.max(rules.requiredApprovals(), rules.highRiskApprovals())
                : rules.requiredApprovals();
        return new ControlPolicy(production, approvals, rules.segregationOfDuties(), rules.stagingRequired(),
                properties.reviewDeadline());
    }
}
