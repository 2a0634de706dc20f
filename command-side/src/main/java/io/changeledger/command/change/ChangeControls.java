package io.changeledger.command.change;

import java.time.Instant;
import java.util.List;

/** What the controls need to know beyond one change: the freezes in force and what ran in staging. */
public interface ChangeControls {

    /** The freezes whose scope and effective window cover a change of this service and environment at this time. */
    List<FreezeWindow> freezesCovering(String service, String environment, Instant at);

    /** Whether this version of the service completed a deployment to a staging environment at or before the time. */
    boolean deployedToStaging(String service, String version, Instant atOrBefore);

    record FreezeWindow(String freezeId, String reason) {
    }
}
