package io.changeledger.command.change;

import io.changeledger.command.freeze.FreezeLookup;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

@Component
class JdbcChangeControls implements ChangeControls {

    private final FreezeLookup freezes;
    private final ChangeLookup changes;
    private final ChangePolicyProperties policy;

    JdbcChangeControls(FreezeLookup freezes, ChangeLookup changes, ChangePolicyProperties policy) {
        this.freezes = freezes;
        this.changes = changes;
        this.policy = policy;
    }

    @Override
    public List<FreezeWindow> freezesCovering(String service, String environment, Instant at) {
        return freezes.covering(service, environment, at);
    }

    @Override
    public boolean deployedToStaging(String service, String version, Instant atOrBefore) {
        return changes.completedIn(service, version, policy.stagingEnvironments(), atOrBefore);
    }
}
